import polars as pl

from transforms.paragraphs import paragraphs


def run(*bodies: str) -> pl.DataFrame:
    return paragraphs(
        pl.LazyFrame({"article_id": [f"a{i}" for i in range(len(bodies))], "body": list(bodies)})
    ).collect()


def test_offsets_slice_the_body_exactly():
    body = "  Title Line\n\nFirst para line one.\nline two.\n \n\t\nSecond para.  \n\n"
    df = run(body)
    assert df["text"].to_list() == ["Title Line", "First para line one.\nline two.", "Second para."]
    for r in df.iter_rows(named=True):
        assert body[r["start_char"] : r["end_char"]] == r["text"]


def test_offsets_count_code_points_not_bytes():
    body = "“Ünïcödé” — said 🎉 Zoë.\n\nNext paragraph here."
    df = run(body)
    r = df.row(1, named=True)
    assert body[r["start_char"] : r["end_char"]] == "Next paragraph here."


def test_headings_name_the_section_that_follows():
    df = run("Intro sentence here.\n\nWhat Happened Next\n\nIt rained all day.\n\nAnd then it stopped.")
    assert df["is_heading"].to_list() == [False, True, False, False]
    assert df["section"].to_list() == [None, "What Happened Next", "What Happened Next", "What Happened Next"]


def test_punctuated_or_long_lines_are_not_headings():
    df = run("He said so.\n\nA line that ends with a colon:\n\n" + " ".join(["word"] * 20))
    assert not df["is_heading"].any()


def test_paragraph_ids_restart_per_article_and_empty_bodies_give_nothing():
    df = run("One.\n\nTwo.", "", "Three.")
    assert df.select("article_id", "paragraph_id").rows() == [("a0", 0), ("a0", 1), ("a2", 0)]


def test_a_section_never_leaks_into_the_next_article():
    df = run("Intro.\n\nLate Heading\n\nUnder it.", "First paragraph of another article.")
    assert df.filter(pl.col("article_id") == "a1")["section"].to_list() == [None]
    assert df.filter(pl.col("article_id") == "a0")["section"].to_list() == [None, "Late Heading", "Late Heading"]


def test_list_items_are_not_headings():
    df = run("Steps\n\n1) Open the box\n\n• 2. Take it out\n\na) First point")
    assert df["is_heading"].to_list() == [True, False, False, False]
