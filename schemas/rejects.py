import pandera.pandas as pa
from pandera.typing import Series


class RejectSchema(pa.DataFrameModel):
    """One row per file in the seeds folder that was not published as a document."""

    path: Series[str] = pa.Field(
        unique=True,
        description="The file's path relative to the seeds folder.",
        metadata={"hxl": "#meta+path", "example": "broken/empty.txt"},
    )
    reason: Series[str] = pa.Field(
        description="Why the file was not published, in words a person can act on.",
        metadata={"hxl": "#meta+reason", "example": "empty file (0 bytes)"},
    )
    sha256: Series[str] = pa.Field(
        nullable=True,
        str_matches=r"^[0-9a-f]{64}$",
        description="SHA-256 of the file's bytes, null when they could not be read.",
        metadata={
            "hxl": "#meta+hash",
            "example": "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
        },
    )

    class Config:
        strict = True
        title = "Rejected files"
        description = "Files found in the seeds folder that were not published, with the reason."
        metadata = {"primary_key": ["path"], "foreign_keys": []}
