import pandera.pandas as pa
from pandera.typing import Series


class RejectSchema(pa.DataFrameModel):
    """One row per file in the seeds folder, or record of a file, that was not published as a document."""

    path: Series[str] = pa.Field(
        description="The file's path relative to the seeds folder (a folder's ends in '/').",
        metadata={"hxl": "#meta+path", "example": "broken/empty.txt"},
    )
    record: Series[str] = pa.Field(
        nullable=True,
        description="The record within the file that was not published (a WARC record's target URI, "
        "a feed item's link, 'line 12' of a JSON Lines file); null when the whole file was not "
        "(or, for a file of many articles, its remaining records were not: the reason says).",
        metadata={"hxl": "#meta+record", "example": "line 12"},
    )
    reason: Series[str] = pa.Field(
        description="Why the file was not published, in words a person can act on.",
        metadata={"hxl": "#meta+reason", "example": "empty file (0 bytes)"},
    )
    sha256: Series[str] = pa.Field(
        nullable=True,
        str_matches=r"^[0-9a-f]{64}$",
        description="SHA-256 of the bytes of the file or record, null when they could not be read.",
        metadata={
            "hxl": "#meta+hash",
            "example": "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
        },
    )

    class Config:
        strict = True
        title = "Rejected files and records"
        description = (
            "Files found in the seeds folder, and records of files of many articles, that were not "
            "published, with the reason."
        )
        unique = ["path", "record"]
        metadata = {"primary_key": ["path", "record"], "foreign_keys": []}
