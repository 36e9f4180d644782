"""The XML namespace of Microsoft Project files (MSPDI), for writing and reading them."""

NS = "http://schemas.microsoft.com/project"
#: ElementTree's prefix for a tag in :data:`NS`
Q = f"{{{NS}}}"
