"""The trip's costs: an estimate and an actual per category, with a note."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.forms import OneLineField
from trips.costs import CostLine


class CostsForm(forms.Form):
    """One row of fields per category: estimate_<c>, actual_<c>, note_<c>."""

    def __init__(self, *args, lines: list[CostLine], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.lines = lines
        for line in lines:
            money = {"max_digits": 12, "decimal_places": 2, "min_value": 0, "required": False}
            self.fields[f"estimate_{line.category}"] = forms.DecimalField(
                label=_("%(cost)s: estimate (yuan)") % {"cost": line.label},
                initial=line.estimate,
                **money,
            )
            self.fields[f"actual_{line.category}"] = forms.DecimalField(
                label=_("%(cost)s: actual (yuan)") % {"cost": line.label},
                initial=line.actual,
                **money,
            )
            self.fields[f"note_{line.category}"] = OneLineField(
                label=_("%(cost)s: note") % {"cost": line.label},
                max_length=200,
                required=False,
                initial=line.note,
            )

    def rows(self) -> list[tuple[CostLine, forms.BoundField, forms.BoundField, forms.BoundField]]:
        """Each line with its three fields, for the table."""
        return [
            (
                line,
                self[f"estimate_{line.category}"],
                self[f"actual_{line.category}"],
                self[f"note_{line.category}"],
            )
            for line in self.lines
        ]

    def values(self) -> dict[str, dict]:
        """The cleaned values by category, as trips.costs.save takes them."""
        data = self.cleaned_data
        return {
            line.category: {
                "estimate": data[f"estimate_{line.category}"],
                "actual": data[f"actual_{line.category}"],
                "note": data[f"note_{line.category}"],
            }
            for line in self.lines
        }
