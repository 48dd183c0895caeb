"""The template filters: figures as people write them."""

from decimal import Decimal

import pytest

from app.formatting import full_stop_after, number, percent


@pytest.mark.parametrize(
    "value, shown",
    [
        (6.0, "6"),
        (145.0, "145"),
        (40, "40"),
        (2.5, "2.5"),
        (2.25, "2.2"),  # one decimal place, rounded half to even as Python does
        (1234.56, "1,234.6"),
        (12500, "12,500"),
        (Decimal("7.50"), "7.5"),
        (0.0, "0"),
        (-3.0, "-3"),
    ],
)
def test_numbers_are_shown_without_a_needless_point_nought(value, shown):
    assert number(value) == shown


def test_anything_not_a_number_is_shown_as_it_is():
    assert number("–") == "–"
    assert number(None) == ""
    assert number(True) == "True"


@pytest.mark.parametrize(
    "quoted, end", [("Book the room", "."), ("Book the room.", ""), ("Is it public?", ""), ("Wait…", ""), ("", ".")]
)
def test_a_sentence_ending_in_a_quotation_gets_one_full_stop_not_two(quoted, end):
    assert full_stop_after(quoted) == end


def test_numbers_in_csv_files_and_percentages_come_from_the_same_formatter():
    assert [number(1234567, separators=False), number(12.0, separators=False), number(-0.04)] == ["1234567", "12", "0"]
    assert [number(66.66), number(2.125, 2), number(-12.5, separators=False)] == ["66.7", "2.12", "-12.5"]
    assert [percent(91.1), percent(60.0), percent(66.666, 0), percent(None)] == ["91.1%", "60%", "67%", ""]
