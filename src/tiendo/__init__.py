"""tiendo: follow a government action program from the day it is issued to the end of its term."""

__version__ = "0.1.0"
