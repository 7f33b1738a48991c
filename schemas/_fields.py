"""Column declarations shared by several tables: the same column means the same thing everywhere."""

import pandera.pandas as pa


def doc_id():
    return pa.Field(
        description="The document this row comes from (documents.doc_id).",
        metadata={"hxl": "#meta+document+id", "example": "2016-11-mosul-sorrowful-picture"},
    )


def start(what="the extracted text"):
    return pa.Field(
        ge=0,
        description=f"Character offset where {what} starts in documents.text (a Python string index).",
        metadata={"hxl": "#meta+start+num", "example": 1043},
    )


def end(what="the extracted text"):
    return pa.Field(
        ge=0,
        description=f"Character offset just past the end of {what} in "
        "documents.text, so that text[start:end] gives it back.",
        metadata={"hxl": "#meta+end+num", "example": 1055},
    )


def sentence():
    return pa.Field(
        description="The sentence the row was extracted from, as in documents.text.",
        metadata={
            "hxl": "#description+sentence",
            "example": "According to US military authorities, military operations "
            "have killed nearly 1,000 IS gunmen out of 3,000-5,000 stationed at Mosul.",
        },
    )


class TracedRows(pa.DataFrameModel):
    """Base of the extracted tables: rows traced to their text by start/end offsets."""

    @pa.dataframe_check
    @classmethod
    def offsets_ordered(cls, df):
        """start < end."""
        return df["start"] < df["end"]


LIST_DELIMITER = "; "


def list_well_formed(series):
    """A "; "-separated list of items that are neither empty nor padded (null: no items)."""
    return series.map(lambda v: all(item and item == item.strip() for item in v.split(LIST_DELIMITER)))


def clean_names(series):
    """Names trimmed, without line breaks or other control characters (null: no name)."""
    import re

    bad = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")
    return series.map(lambda v: v is None or (v == v.strip() and not bad.search(v)))
