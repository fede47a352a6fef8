"""frontwatch: a sourced, dated, geocoded record of events from war reporting."""

__version__ = "0.1.0"
