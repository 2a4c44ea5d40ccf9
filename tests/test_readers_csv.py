"""CSV exports whose header names title and body columns."""

from __future__ import annotations

from flows.readers import RawArticle, Reject, read_source


def test_rows_become_articles_and_bad_rows_rejects(tmp_path):
    f = tmp_path / "export.csv"
    f.write_text(
        "id,headline,text,link,author,date\n"
        '7,Mill closes,"The mill closed on Friday.\n\nWorkers were told by '
        'letter.",https://x.example/mill,Ann Bo,2024-01-02T03:04:05+01:00\n'
        "8,No body,,https://x.example/none,,\n"
        "9,Too many,fields,here,,,extra\n"
        "\n"
        '10,Port,"Ships wait outside the port.",,,\n'
    )
    out = list(read_source(str(f)))
    arts = [o for o in out if isinstance(o, RawArticle)]
    rejects = [o for o in out if isinstance(o, Reject)]
    assert [a.external_id for a in arts] == ["7", "10"]
    mill = arts[0]
    assert mill.title == "Mill closes" and mill.author == "Ann Bo" and mill.url == "https://x.example/mill"
    assert mill.body == "The mill closed on Friday.\n\nWorkers were told by letter."
    assert mill.published_at.isoformat() == "2024-01-02T03:04:05+01:00"
    assert mill.source == str(f)
    assert len(rejects) == 2
    assert "no `body`" in rejects[0].reason and rejects[0].payload.startswith("8,No body")
    assert "7 fields where the header has 6" in rejects[1].reason


def test_header_without_body_column_is_one_reject(tmp_path):
    f = tmp_path / "other.csv"
    f.write_text("name,price\napple,3\n")
    [rej] = list(read_source(str(f)))
    assert isinstance(rej, Reject) and "title and body" in rej.reason


def test_semicolon_csv_in_cp1252_reports_encoding(tmp_path):
    f = tmp_path / "semi.csv"
    f.write_bytes("title;body\nCaf\xe9;Le caf\xe9 ouvre.\n".encode("cp1252"))
    out = list(read_source(str(f)))
    assert isinstance(out[0], Reject) and "not valid UTF-8" in out[0].reason
    assert isinstance(out[1], RawArticle) and out[1].title == "Café" and out[1].body == "Le café ouvre."
