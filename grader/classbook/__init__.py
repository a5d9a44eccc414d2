"""The class around the submissions: which entries a class folder holds and whose they are
(``entries``), the roster, lateness, an instructor's overrides and how they adjust a grade."""
