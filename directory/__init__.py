"""Host units, contacts, departments (承办部门) and the CSV import of contacts."""
