"""What the leader must know per host unit and visit, sourced and verified; the book."""
