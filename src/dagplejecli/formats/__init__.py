"""Writers of bytes: XML escaping, workbooks, CSV. They know file formats, not the domain."""
