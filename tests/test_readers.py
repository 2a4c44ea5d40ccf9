import json
import os

from flows.readers import RawArticle, Reject, expand_sources, read_source


def test_jsonl_reads_good_lines_and_rejects_bad_ones(tmp_path):
    f = tmp_path / "a.jsonl"
    f.write_text(
        "\n".join(
            [
                json.dumps(
                    {
                        "id": 1,
                        "title": "One",
                        "body": "Text one.",
                        "url": "https://x.org/1",
                        "published": "2024-05-01T10:00:00+02:00",
                    }
                ),
                '{"title": "broken", "body": ',
                json.dumps({"title": "No body"}),
                json.dumps(["not", "an", "object"]),
                "",
                json.dumps({"id": "b", "title": "Two", "text": "Text two.", "author": "Ann"}),
            ]
        )
    )
    items = list(read_source(str(f)))
    arts = [i for i in items if isinstance(i, RawArticle)]
    rejects = [i for i in items if isinstance(i, Reject)]
    assert [a.external_id for a in arts] == ["1", "b"]
    assert arts[0].published_at.isoformat() == "2024-05-01T10:00:00+02:00"
    assert arts[1].body == "Text two." and arts[1].author == "Ann"
    assert [r.source.rsplit(":", 1)[1] for r in rejects] == ["2", "3", "4"]
    assert "malformed JSON" in rejects[0].reason and rejects[0].payload == '{"title": "broken", "body": '


def test_empty_and_undecodable_files(tmp_path):
    (tmp_path / "empty.txt").write_text("  \n")
    (tmp_path / "latin.txt").write_bytes("Caf\xe9 news\n\nIt opened.".encode("cp1252"))
    empty = list(read_source(str(tmp_path / "empty.txt")))
    assert len(empty) == 1 and isinstance(empty[0], Reject) and empty[0].reason == "empty file"
    latin = list(read_source(str(tmp_path / "latin.txt")))
    assert isinstance(latin[0], Reject) and "UTF-8" in latin[0].reason
    assert isinstance(latin[1], RawArticle) and latin[1].body.startswith("Café news")


def test_expand_sources_walks_folders_and_rejects_what_it_cannot_read(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.txt").write_text("B")
    (tmp_path / "a.jsonl").write_text("{}")
    (tmp_path / ".hidden.txt").write_text("h")
    (tmp_path / "notes.pdf").write_text("x")
    files, rejects = expand_sources([str(tmp_path), str(tmp_path / "missing"), str(tmp_path / "notes.pdf")])
    assert [f.split("/")[-1] for f in files] == ["a.jsonl", "b.txt"]
    assert [r.reason.split(" ")[0] for r in rejects] == ["no", "no"]
    assert "no such file" in rejects[0].reason and ".pdf" in rejects[1].reason


def test_jsonl_decodes_line_by_line(tmp_path):
    f = tmp_path / "mixed.jsonl"
    good = json.dumps({"id": "u", "body": "Zoë said \u2028 hello."}, ensure_ascii=False).encode("utf-8")
    bad = '{"id": "c", "body": "Caf\xe9 news."}'.encode("cp1252")
    f.write_bytes(b"\xef\xbb\xbf" + good + b"\r\n" + bad + b"\n\n" + bad + b"\n")
    items = list(read_source(str(f)))
    rejects = [i for i in items if isinstance(i, Reject)]
    arts = [i for i in items if isinstance(i, RawArticle)]
    # the BOM and CRLF are dropped, a raw U+2028 does not split a record, one reject per file for cp1252
    assert [a.body for a in arts] == ["Zoë said \u2028 hello.", "Café news.", "Café news."]
    assert len(rejects) == 1 and rejects[0].source == str(f)
    assert (
        rejects[0].reason
        == f"not valid UTF-8 (invalid continuation byte at byte {3 + len(good) + 2 + 24}); read as cp1252"
    )


def test_a_jsonl_file_of_blank_lines_is_rejected_as_empty(tmp_path):
    f = tmp_path / "blank.jsonl"
    f.write_text("\n  \n")
    items = list(read_source(str(f)))
    assert len(items) == 1 and items[0].reason == "empty file" and items[0].payload == "\n  \n"


def test_a_file_name_that_is_not_utf8_is_a_reject_and_the_rest_is_read(tmp_path):
    (tmp_path / "good.txt").write_text("Rain\n\nIt rained in Leeds.")
    # a name with a byte that is not UTF-8, as a Latin-1 system writes "café"
    fd = os.open(os.fsencode(tmp_path) + b"/caf\xe9.txt", os.O_CREAT | os.O_WRONLY)
    os.write(fd, b"Title\n\nBody text.")
    os.close(fd)
    files, rejects = expand_sources([str(tmp_path)])
    assert files == [str(tmp_path / "good.txt")]
    assert [(r.source, r.stage) for r in rejects] == [(f"{tmp_path}/caf\\xe9.txt", "read")]
    assert "not valid UTF-8" in rejects[0].reason
    rejects[0].source.encode("utf-8")  # storable: no lone surrogates
    # named directly, the same
    named = os.fsdecode(os.fsencode(tmp_path) + b"/caf\xe9.txt")
    assert [(r.source, r.reason) for r in expand_sources([named])[1]] == [
        (f"{tmp_path}/caf\\xe9.txt", rejects[0].reason)
    ]


def test_symlink_loops_and_dangling_links_are_rejects(tmp_path):
    (tmp_path / "good.txt").write_text("Rain\n\nIt rained in Leeds.")
    (tmp_path / "self.txt").symlink_to("self.txt")
    (tmp_path / "ping.txt").symlink_to("pong.txt")
    (tmp_path / "pong.txt").symlink_to("ping.txt")
    (tmp_path / "gone.txt").symlink_to("nowhere.txt")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "up").symlink_to("..")
    (tmp_path / "alias.txt").symlink_to("good.txt")  # a link that reaches a file is read
    files, rejects = expand_sources([str(tmp_path)])
    assert files == [str(tmp_path / "alias.txt"), str(tmp_path / "good.txt")]
    got = {r.source.removeprefix(f"{tmp_path}/"): r.reason for r in rejects}
    assert got == {
        "self.txt": "symlink loop: the link never reaches a file",
        "ping.txt": "symlink loop: the link never reaches a file",
        "pong.txt": "symlink loop: the link never reaches a file",
        "gone.txt": "broken symlink: No such file or directory",
        "sub/up": "symlink loop: the link points to a folder that holds it",
    }
    assert all(r.stage == "read" for r in rejects)
