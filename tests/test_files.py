"""Uploaded files are kept in the database (app/files.py): a file attached through one host
downloads through another whose instance folder holds nothing of it, is kept or dropped with the
transaction that refers to it, and is at most 10 MB. The copy of files from the old upload folder
(`flask files import`; migration 0029 in tests/test_migrations.py). On both databases."""

import io
import logging
from pathlib import Path

import pytest
from sqlalchemy import select
from werkzeug.datastructures import FileStorage

from app import files
from app.extensions import db
from app.models import Article, Attachment
from app.validation import FieldError
from tests.factories import make_article, make_user, signed_in_client, stored_files

PDF = b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"


def attach(client, slug: str, data: bytes, filename: str):
    return client.post(f"/kb/{slug}/attachments", data={"file": (io.BytesIO(data), filename)})


def files_in(folder: Path) -> list[Path]:
    return [path for path in folder.rglob("*") if path.is_file()] if folder.exists() else []


def test_a_file_attached_on_one_host_downloads_from_another_and_removed_there_is_gone_from_both(make_app, tmp_path):
    host_a = make_app(UPLOAD_DIR=str(tmp_path / "a" / "uploads"), SEARCH_INDEX_DIR=str(tmp_path / "a" / "index"))
    host_b = make_app(UPLOAD_DIR=str(tmp_path / "b" / "uploads"), SEARCH_INDEX_DIR=str(tmp_path / "b" / "index"))
    with host_a.app_context():
        writer = make_user(roles=["editor"])
        reader = make_user()
        slug = make_article(author=writer, title="Expenses").slug
        editor_on_a = signed_in_client(host_a, writer)
    with host_b.app_context():
        reader_on_b = signed_in_client(host_b, db.session.merge(reader))
        editor_on_b = signed_in_client(host_b, db.session.merge(writer))

    assert attach(editor_on_a, slug, PDF, "claims.pdf").status_code == 303
    with host_a.app_context():
        attachment = db.session.scalar(select(Attachment))
        attachment_id, stored_name = attachment.id, attachment.stored_name
        assert stored_files() == {stored_name: PDF}
    # Neither host's instance folder holds it: it is in the database both use.
    assert files_in(tmp_path) == []

    download = reader_on_b.get(f"/kb/attachments/{attachment_id}/claims.pdf")
    assert download.status_code == 200 and download.data == PDF
    assert download.headers["Content-Type"] == "application/pdf"
    assert download.headers["Content-Disposition"] == "attachment; filename=claims.pdf"
    assert download.headers["X-Content-Type-Options"] == "nosniff"
    assert download.headers["Cache-Control"] == "private, no-store"
    assert download.headers["Content-Length"] == str(len(PDF))

    assert editor_on_b.post(f"/kb/attachments/{attachment_id}/remove", data={}).status_code == 303
    with host_a.app_context():
        assert stored_files() == {}
    assert reader_on_b.get(f"/kb/attachments/{attachment_id}/claims.pdf").status_code == 404


def test_a_file_is_kept_only_if_the_transaction_that_refers_to_it_commits(app):
    checked = files.CheckedFile(data=PDF, filename="minutes.pdf", file_type="pdf", content_type="application/pdf")
    stored_name = files.store(checked)
    assert files.read(stored_name) == PDF  # this transaction sees it at once
    db.session.rollback()
    assert stored_files() == {}
    with pytest.raises(FileNotFoundError):
        files.read(stored_name)

    kept = files.store(checked)
    db.session.commit()
    files.delete(kept)
    db.session.rollback()  # the removal of a file is undone with its transaction
    assert list(stored_files()) == [kept]
    files.delete(kept)
    db.session.commit()
    assert stored_files() == {}


@pytest.mark.parametrize("name", ["", "../../etc/passwd", "0" * 31, "A" * 32, "0" * 32 + "/x"])
def test_a_name_that_is_not_a_generated_one_is_never_read(app, name):
    with pytest.raises(FileNotFoundError):
        files.read(name)
    files.delete(name)  # nothing to do, and no error


def test_a_file_of_exactly_10_mb_is_kept_whole_and_one_byte_more_is_refused(app):
    largest = b"a" * (files.MAX_FILE_SIZE - 1) + b"\n"
    checked = files.check_upload(FileStorage(io.BytesIO(largest), filename="big.txt"))
    stored_name = files.store(checked)
    db.session.commit()
    db.session.expire_all()
    assert files.read(stored_name) == largest
    with app.test_request_context():
        response = files.send(stored_name, filename="big.txt", content_type=checked.content_type)
        response.direct_passthrough = False
        assert response.get_data() == largest
        assert response.headers["Content-Type"] == "text/plain; charset=utf-8"

    with pytest.raises(FieldError, match="smaller than 10 MB"):
        files.check_upload(FileStorage(io.BytesIO(largest + b"x"), filename="bigger.txt"))
    too_big = files.CheckedFile(data=largest + b"x", filename="bigger.txt", file_type="txt", content_type="text/plain")
    with pytest.raises(ValueError, match="10 MB"):
        files.store(too_big)  # even from a caller that did not check the upload
    db.session.rollback()
    assert list(stored_files()) == [stored_name]


def test_files_import_copies_a_hosts_old_upload_folder_once_and_leaves_it_as_it_was(make_app, tmp_path, caplog):
    """Another host's UPLOAD_DIR (migration 0029 copied only the folder of the host it ran on)."""
    folder = tmp_path / "old-host-uploads"
    app = make_app(UPLOAD_DIR=str(folder))
    with app.app_context():
        _import_the_old_folder(app, folder, caplog)


def _import_the_old_folder(app, folder, caplog):
    writer = make_user(roles=["editor"])
    article = make_article(author=writer, title="Expenses")
    article_id = article.id
    folder.mkdir()
    on_disk, lost = "a" * 32, "b" * 32
    (folder / on_disk).write_bytes(PDF)
    for stored_name in (on_disk, lost):
        db.session.add(
            Attachment(
                article_id=article.id,
                stored_name=stored_name,
                filename="claims.pdf",
                file_type="pdf",
                content_type="application/pdf",
                size=len(PDF),
                uploaded_by_id=writer.id,
            )
        )
    db.session.commit()
    # Before the copy, the host that has the file still sends it (a rolling deploy's transition).
    with app.test_request_context():
        assert files.send(on_disk, filename="claims.pdf", content_type="application/pdf").status_code == 200

    runner = app.test_cli_runner()
    with caplog.at_level(logging.WARNING):
        result = runner.invoke(args=["files", "import"])  # this host's UPLOAD_DIR
    assert result.exit_code == 0, result.output
    assert "1 files copied" in result.output and "1 referred to but not there" in result.output
    assert f"{lost} is referred to but is not in {folder}; skipped" in caplog.text
    assert stored_files() == {on_disk: PDF}
    assert (folder / on_disk).read_bytes() == PDF  # left for an operator to remove

    again = runner.invoke(args=["files", "import", "--folder", str(folder)])
    assert "0 files copied" in again.output
    assert stored_files() == {on_disk: PDF}
    assert db.session.scalar(select(Article.id)) == article_id


def test_an_attachment_whose_file_is_not_kept_answers_404_not_an_error(app):
    writer = make_user(roles=["editor"])
    article = make_article(author=writer, title="Expenses")
    client = signed_in_client(app, writer)
    assert attach(client, article.slug, PDF, "claims.pdf").status_code == 303
    attachment = db.session.scalar(select(Attachment))
    files.delete(attachment.stored_name)  # gone behind the row's back
    db.session.commit()
    assert client.get(f"/kb/attachments/{attachment.id}/claims.pdf").status_code == 404
