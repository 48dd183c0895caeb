"""The SQL building blocks of the dashboard's figures: nearest-rank percentiles, and counts by UK
hour and day. Each is the same on SQLite and PostgreSQL: timestamps are grouped by UTC hour or
day in the database and turned into UK time here, whatever the database's own time zone support."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import lru_cache

from sqlalchemy import Row, case, func, select

from app import clock
from app.extensions import db


def _rows(statement) -> Sequence[Row]:
    """Every row of a statement of plain columns, run in the session's transaction as Core and
    fetched at once: fetched one by one, or through the ORM's result processing (made for
    entities), thousands of grouped rows cost more than the query that groups them."""
    return db.session.connection().execute(statement).all()


# --- Percentiles -----------------------------------------------------------------------------


def _rank(count: int, fraction: float) -> int:
    """ceil(fraction × count) in integers."""
    return max(1, (count * round(fraction * 1000) + 999) // 1000)


@dataclass(frozen=True, slots=True)
class Distribution:
    """How many values there are, and the nearest-rank percentiles asked for (None when none)."""

    count: int
    percentiles: tuple[int | None, ...]


def _walk(occurrences: list[tuple], fractions: tuple[float, ...]) -> Distribution:
    """Nearest-rank percentiles from (value, how many times it occurs), in order of value."""
    total = sum(times for _, times in occurrences)
    values: list[int | None] = []
    for fraction in fractions:
        if not total:
            values.append(None)
            continue
        rank, seen = _rank(total, fraction), 0
        for value, times in occurrences:
            seen += times
            if seen >= rank:
                values.append(value)
                break
    return Distribution(total, tuple(values))


def percentiles_each(column, fractions: tuple[float, ...], windows: list, *conditions) -> list[Distribution]:
    """How many values of `column` there are among the rows meeting each of several conditions
    (`windows`: a period and those it is compared with), and their nearest-rank percentiles: for
    each fraction, the smallest value with at least that fraction of the values at or below it (the
    value at rank ceil(fraction × n)). One query a window, over its own range of a covering index.
    PostgreSQL: an ordered-set aggregate (percentile_disc is exactly this). SQLite: how many times
    each value occurs, walked up to each rank."""
    distributions = []
    for window in windows:
        present = (column.is_not(None), window, *conditions)
        if db.engine.dialect.name == "postgresql":
            row = _rows(
                select(
                    func.count(), *[func.percentile_disc(fraction).within_group(column) for fraction in fractions]
                ).where(*present)
            )[0]
            distributions.append(Distribution(row[0], tuple(row[1:])))
        else:
            occurrences = _rows(select(column, func.count()).where(*present).group_by(column).order_by(column))
            distributions.append(_walk([(value, times) for value, times in occurrences], fractions))
    return distributions


def percentiles_by(group, column, fraction: float, *conditions) -> dict:
    """The nearest-rank percentile of `column` for each value of `group`: an ordered-set
    aggregate on PostgreSQL, window functions on SQLite."""
    present = (column.is_not(None), *conditions)
    if db.engine.dialect.name == "postgresql":
        return dict(
            _rows(select(group, func.percentile_disc(fraction).within_group(column)).where(*present).group_by(group))
        )
    ranked = (
        select(
            group.label("grp"),
            column.label("value"),
            func.row_number().over(partition_by=group, order_by=column).label("position"),
            func.count().over(partition_by=group).label("total"),
        )
        .where(*present)
        .subquery()
    )
    # ceil(total × fraction) in integer arithmetic, as _rank does.
    # (floor division: SQLAlchemy's "/" is true division, which would give 2.499 for 2, matching no row)
    rank = (ranked.c.total * round(fraction * 1000) + 999) // 1000
    return dict(_rows(select(ranked.c.grp, ranked.c.value).where(ranked.c.position == rank)))


# --- Time series -----------------------------------------------------------------------------


def _hour(column):
    """The UTC hour a timestamp falls in, as cheaply as each database can say it: PostgreSQL
    truncates the timestamp; SQLite stores ISO text, whose first 13 characters are the hour."""
    if db.engine.dialect.name == "postgresql":
        return func.date_trunc("hour", column)
    return func.substr(column, 1, 13)


@lru_cache(maxsize=50_000)
def _local(hour) -> datetime:
    """The UK time of a UTC hour (text from SQLite, a naive datetime from PostgreSQL). Cached:
    the same few thousand hours come back on every page."""
    if isinstance(hour, str):
        hour = datetime(int(hour[:4]), int(hour[5:7]), int(hour[8:10]), int(hour[11:13]), tzinfo=UTC)
    return hour.replace(tzinfo=UTC).astimezone(clock.UK)


def by_hour(column, *conditions) -> list[tuple]:
    """(UK datetime of the hour, count) for rows matching `conditions`: grouped by UTC hour in
    the database, so UK weekdays and hours fold correctly here whatever the database's own time
    zone support."""
    hour = _hour(column)  # one expression (one bound parameter) in SELECT and GROUP BY
    rows = _rows(select(hour, func.count()).where(column.is_not(None), *conditions).group_by(hour))
    return [(_local(row[0]), row[1]) for row in rows]


def _day(column):
    """The UTC day a timestamp falls in, and whether it is in the day's last hour (23:00 UTC is
    already tomorrow in UK summer time); any other hour of a UTC day is the same UK day."""
    if db.engine.dialect.name == "postgresql":
        return func.date_trunc("day", column), func.extract("hour", column) == 23
    return func.substr(column, 1, 10), func.substr(column, 12, 2) == "23"


@lru_cache(maxsize=10_000)
def _local_day(day, last_hour) -> datetime:
    """A UK moment on the UK day of a (UTC day, last hour?) group: noon UTC is always on the same
    UK day; 23:00 UTC is on the next one in summer."""
    if isinstance(day, str):
        day = datetime(int(day[:4]), int(day[5:7]), int(day[8:10]), tzinfo=UTC)
    return day.replace(hour=23 if last_hour else 12, tzinfo=UTC).astimezone(clock.UK)


def by_day(column, *conditions, also=None, group=()) -> list[tuple]:
    """(a UK datetime on the row's UK day, *group values, count[, count of `also`]): like by_hour,
    with about a tenth of the rows, for anything counted by day, week or month."""
    day, last_hour = _day(column)
    columns = [day, last_hour, *group, func.count()]
    if also is not None:
        columns.append(func.count(case((also, 1))))
    rows = _rows(select(*columns).where(column.is_not(None), *conditions).group_by(day, last_hour, *group))
    return [(_local_day(row[0], bool(row[1])), *row[2:]) for row in rows]
