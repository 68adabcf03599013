"""The bundled illustrative portfolios: CONSTRUCTED data that reproduces the seeds' published figures.

Dữ liệu minh họa, tự dựng: every task, title, host, date and amount below is invented. Only the
*figures* come from news reports of four provincial Departments of Science and Technology (the seeds):
the portfolios are built so that the library's indicators, computed from the tasks' dated histories
and targets, equal every figure those reports state about tasks and targets. They show how a report's
sentence maps to an indicator and its bases; they say nothing about any real task.

>>> case = demo_case("bac_giang_2023h1")
>>> for figure in case.figures():
...     print(figure)
hoàn thành 77,8% chỉ tiêu được giao 6 tháng đầu năm: published 77,8%, computed 77,8% (7/9) ✓
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from datetime import date, timedelta
from decimal import Decimal

import attrs

from stprogress.indicators import carry_over, count_events, pipeline, share_met
from stprogress.lifecycle import (
    Approved,
    Contracted,
    Evaluated,
    Event,
    Extended,
    Inspected,
    Liquidated,
    Proposed,
    Registered,
    Rejected,
    Terminated,
)
from stprogress.model import Budget, Portfolio, Program, Target, Task
from stprogress.periods import Period
from stprogress.ratio import Ratio
from stprogress.report import PeriodReport, report
from stprogress.vocab import Direction, Field, Grade, Lang, Level, Milestone, TaskKind

__all__ = ["DEMO_NOTICE", "DemoCase", "SeedFigure", "demo_case", "demo_cases", "demo_portfolio"]

DEMO_NOTICE = {
    "vi": "Dữ liệu minh họa, tự dựng: nhiệm vụ, tên, đơn vị và số tiền đều là giả định; chỉ các số liệu "
    "tổng hợp trùng với số liệu đã công bố.",
    "en": "Illustrative, constructed data: tasks, titles, hosts and amounts are invented; only the "
    "aggregate figures equal the published ones.",
}
"""The statement every use of the demo data shows beside it."""

_TOPICS = (
    "giống chè chất lượng cao",
    "cây ăn quả có múi",
    "chăn nuôi gà đồi",
    "nấm ăn và nấm dược liệu",
    "xử lý chất thải chăn nuôi",
    "truy xuất nguồn gốc nông sản",
    "bảo tồn giống lúa địa phương",
    "chuyển đổi số cấp xã",
    "phòng chống sạt lở bờ sông",
    "cây dược liệu dưới tán rừng",
    "nuôi cá nước ngọt",
    "y tế cơ sở",
)
_ACTIONS = ("Nghiên cứu", "Ứng dụng", "Xây dựng mô hình", "Đánh giá", "Phát triển")
_KIND_PREFIX = {
    TaskKind.RESEARCH: "ĐT",
    TaskKind.PILOT_PRODUCTION: "DA",
    TaskKind.PROJECT: "DA",
    TaskKind.SCHEME: "ĐA",
    TaskKind.GENE_FUND: "NG",
    TaskKind.INNOVATION: "ĐM",
}


def _d(year: int, month: int, day: int) -> date:
    return date(year, month, day)


class _Builder:
    """Numbers tasks and invents their titles, hosts and budgets deterministically."""

    def __init__(self, province: str) -> None:
        self.province = province
        self.count = 0
        self.tasks: list[Task] = []

    def add(
        self,
        level: Level,
        kind: TaskKind,
        start: date,
        end: date,
        history: Sequence[Event],
        *,
        program: str | None = None,
    ) -> Task:
        self.count += 1
        n = self.count
        title = (
            f"{_ACTIONS[n % len(_ACTIONS)]} {_TOPICS[n % len(_TOPICS)]} tại {self.province} "
            f"(nhiệm vụ minh họa số {n})"
        )
        task = Task(
            f"{_KIND_PREFIX[kind]}-{start.year}-{n:03d}",
            title,
            level,
            kind,
            start,
            end,
            history,
            program=program,
            field=Field.AGRICULTURAL if n % 3 else Field.ENGINEERING,
            host=f"Đơn vị chủ trì minh họa {n % 7 + 1}",
            budget=Budget(state=(300 + 25 * (n % 9)) * 1_000_000, other=(n % 4) * 50_000_000),
        )
        self.tasks.append(task)
        return task


def _days(first: date, step: int, count: int) -> Iterator[date]:
    for index in range(count):
        yield first + timedelta(days=step * index)


@attrs.frozen
class SeedFigure:
    """One figure a seed publishes, and the same figure computed from the demo portfolio."""

    quote: str
    """The report's words (Vietnamese)."""
    published: str
    """The figure as published, with its qualifier ("hơn 100")."""
    computed: int | Ratio
    holds: bool
    """Whether the computed figure agrees with the published one (its qualifier honoured)."""

    def computed_text(self, lang: Lang = "vi") -> str:
        """The computed figure written in ``lang`` (a ratio with its parts)."""
        if isinstance(self.computed, Ratio):
            r = self.computed
            return f"{r.format(lang)} ({int(r.numerator)}/{int(r.denominator)})"
        return str(self.computed)

    def __str__(self) -> str:
        mark = "✓" if self.holds else "✗"
        return f"{self.quote}: published {self.published}, computed {self.computed_text()} {mark}"


_Figure = tuple[str, str, Callable[[Portfolio], "int | Ratio"], Callable[["int | Ratio"], bool]]


@attrs.frozen
class DemoCase:
    """A seed's department: its constructed portfolio, the period and bases its report counts on."""

    key: str
    title: str
    source: str
    """Where the published figures come from (the seed)."""
    portfolio: Portfolio
    period: Period
    enters: Milestone
    exits: Milestone
    _figures: tuple[_Figure, ...] = attrs.field(repr=False, eq=False, alias="figures")

    def report(self) -> PeriodReport:
        """The period report of the case: its portfolio, period and bases."""
        return report(self.portfolio, self.period, enters=self.enters, exits=self.exits)

    def figures(self) -> tuple[SeedFigure, ...]:
        """Each published figure beside the one computed from the portfolio."""
        result = []
        for quote, published, compute, agrees in self._figures:
            value = compute(self.portfolio)
            result.append(SeedFigure(quote, published, value, agrees(value)))
        return tuple(result)


def _equals(expected: int) -> Callable[[int | Ratio], bool]:
    return lambda value: value == expected


def _thai_nguyen() -> DemoCase:  # noqa: PLR0915 - one department's data, read top to bottom
    b = _Builder("Thái Nguyên")
    gene, ntmn = "NG-TN", "NTMN"
    programs = (
        Program(
            gene,
            "Chương trình bảo tồn và khai thác nguồn gen cấp tỉnh (minh họa)",
            Level.PROVINCIAL,
            Period.phase(2021, 2025, horizon=2030),
        ),
        Program(ntmn, "Chương trình Nông thôn miền núi", Level.NATIONAL, Period.phase(2016, 2025)),
    )

    def kind_of(n: int) -> tuple[Level, TaskKind, str | None]:
        if n % 10 == 3:
            return Level.PROVINCIAL, TaskKind.GENE_FUND, gene
        if n % 10 == 7:
            return Level.NATIONAL, TaskKind.PROJECT, ntmn
        return Level.PROVINCIAL, TaskKind.RESEARCH, None

    # Exited before 2023 (registered in 2022): outside the 2023 ledger.
    for n in range(10):
        level, kind, program = kind_of(n)
        b.add(
            level,
            kind,
            _d(2021, 1, 1),
            _d(2022, 6, 30),
            [
                Approved(_d(2020, 11, 10)),
                Contracted(_d(2021, 1, 15)),
                Inspected(_d(2021, 9, 10)),
                Evaluated(_d(2022, 7, 10 + n), Grade.PASS),
                Registered(_d(2022, 8, 10 + n)),
            ],
            program=program,
        )
    # 57 carried over into 2023.
    opening_dates = list(_days(_d(2021, 3, 1), 11, 57))
    for n, approved in enumerate(opening_dates):
        level, kind, program = kind_of(n)
        contracted = approved + timedelta(days=30)
        start = _d(contracted.year, contracted.month, 1)
        history: list[Event] = [Approved(approved), Contracted(contracted)]
        end = _d(2023, 12, 31)
        if n < 20:  # accepted in 2023 and registered in 2023
            end = _d(2023, 6, 30)
            history += [Evaluated(_d(2023, 7, 1 + n), Grade.PASS), Registered(_d(2023, 8, 1 + n))]
        elif n < 23:  # accepted in December 2022, registered in January 2023
            end = _d(2022, 11, 30)
            history += [Evaluated(_d(2022, 12, n - 10), Grade.PASS), Registered(_d(2023, 1, n - 15))]
        elif n == 23:  # failed its evaluation in 2023
            end = _d(2023, 6, 30)
            history += [Evaluated(_d(2023, 9, 12), Grade.FAIL), Liquidated(_d(2023, 11, 20))]
        elif n == 24:  # stopped in 2023
            history += [Terminated(_d(2023, 5, 18))]
        else:  # 32 still running at the end of 2023; inspected in June, seven of them again in November
            end = _d(2024, 6, 30)
            history.append(Inspected(_d(2023, 6, 5 + n % 20)))
            if n < 32:
                history.append(Inspected(_d(2023, 11, 6 + n % 20)))
            if n == 40:  # extended once, so it is not overdue
                history.append(Extended(_d(2023, 12, 1), until=_d(2024, 12, 31)))
            if n in (55, 56):  # accepted in December 2023, results not yet registered
                history.append(Evaluated(_d(2023, 12, 20), Grade.EXCELLENT))
            if n == 54:  # its planned end has passed: overdue at the end of 2023
                end = _d(2023, 9, 30)
        b.add(level, kind, start, max(end, start), history, program=program)
    # 36 approved in 2023; one is finished and registered within the year.
    for n in range(36):
        level, kind, program = kind_of(n + 1)
        approved = _d(2023, 2, 1) + timedelta(days=8 * n)
        contracted = approved + timedelta(days=20)
        start = _d(contracted.year, contracted.month, 1)
        history = [Proposed(_d(2022, 9, 1 + n % 28)), Approved(approved)]
        if n == 0:
            history += [
                Contracted(contracted),
                Inspected(_d(2023, 7, 4)),
                Evaluated(_d(2023, 11, 24), Grade.PASS),
                Registered(_d(2023, 12, 8)),
            ]
            end = _d(2023, 11, 30)
        else:
            end = _d(2025, 6, 30)
            if contracted < _d(2023, 11, 1):  # the last ones approved are not contracted yet
                history.append(Contracted(contracted))
                if 1 <= n <= 5:
                    history.append(Inspected(_d(2023, 10, 2 + n)))
        b.add(level, kind, start, end, history, program=program)
    # Proposals of 2023 not approved.
    for n in range(8):
        b.add(
            Level.PROVINCIAL,
            TaskKind.RESEARCH,
            _d(2024, 1, 1),
            _d(2025, 12, 31),
            [Proposed(_d(2023, 8, 1 + n)), Rejected(_d(2023, 10, 15))],
        )
    portfolio = Portfolio("Sở KH&CN tỉnh Thái Nguyên (dữ liệu minh họa)", b.tasks, programs)
    year, registered = Period.year(2023), Milestone.REGISTERED
    figures: tuple[_Figure, ...] = (
        (
            "Số lượng các nhiệm vụ KH&CN là 93 nhiệm vụ",
            "93",
            lambda p: carry_over(p, year, exits=registered).managed,
            _equals(93),
        ),
        (
            "nhiệm vụ chuyển tiếp từ các năm trước sang năm 2023 là 57 nhiệm vụ",
            "57",
            lambda p: carry_over(p, year, exits=registered).opening,
            _equals(57),
        ),
        (
            "nhiệm vụ KH&CN được phê duyệt năm 2023 là 36 nhiệm vụ",
            "36",
            lambda p: carry_over(p, year, exits=registered).new,
            _equals(36),
        ),
        (
            "kiểm tra tiến độ thực hiện 45 lượt nhiệm vụ KH&CN",
            "45",
            lambda p: count_events(p, year, Inspected).events,
            _equals(45),
        ),
        (
            "nghiệm thu và đăng ký kết quả được 24 nhiệm vụ KH&CN",
            "24",
            lambda p: carry_over(p, year, exits=registered).completed,
            _equals(24),
        ),
    )
    return DemoCase(
        "thai_nguyen_2023",
        "Sở KH&CN tỉnh Thái Nguyên, năm 2023",
        "Tổng kết thực hiện nhiệm vụ chính trị năm 2023 (Sở KH&CN tỉnh Thái Nguyên, 18/12/2023)",
        portfolio,
        year,
        Milestone.APPROVED,
        Milestone.REGISTERED,
        figures,
    )


def _objective(
    code: str, name: str, unit: str, planned: int, actual: int, *, direction: Direction = Direction.AT_LEAST
) -> Target:
    return Target(code, name, unit, Decimal(planned), Decimal(actual), direction)


def _thai_binh() -> DemoCase:
    b = _Builder("Thái Bình")
    scheme = "ĐA-KHCN-TB"
    objectives = (
        _objective("MT-01", "Số nhiệm vụ KH&CN cấp tỉnh được triển khai", "nhiệm vụ", 60, 38),
        _objective("MT-02", "Số doanh nghiệp KH&CN được chứng nhận", "doanh nghiệp", 10, 11),
        _objective("MT-03", "Số sản phẩm OCOP lên sàn giao dịch công nghệ", "sản phẩm", 50, 64),
        _objective("MT-04", "Số văn bằng bảo hộ sở hữu công nghiệp", "văn bằng", 400, 420),
        _objective("MT-05", "Số mô hình ứng dụng tiến bộ kỹ thuật", "mô hình", 30, 31),
        _objective("MT-06", "Tỷ lệ nhiệm vụ chậm tiến độ", "%", 10, 7, direction=Direction.AT_MOST),
        _objective("MT-07", "Số cơ sở áp dụng hệ thống truy xuất nguồn gốc", "cơ sở", 200, 230),
        _objective("MT-08", "Số tổ chức KH&CN công lập được tự chủ", "tổ chức", 5, 5),
        _objective("MT-09", "Tỷ lệ đóng góp của TFP vào tăng trưởng", "%", 45, 38),
        _objective("MT-10", "Số phòng thí nghiệm đạt chuẩn", "phòng", 6, 3),
        _objective(
            "MT-11", "Thời gian xử lý hồ sơ thẩm định công nghệ", "ngày", 15, 18, direction=Direction.AT_MOST
        ),
        _objective("MT-12", "Số cán bộ KH&CN được đào tạo", "người", 300, 180),
    )
    programs = (
        Program(
            scheme,
            "Đề án phát triển KH&CN tỉnh Thái Bình giai đoạn 2021–2025, định hướng đến năm 2030",
            Level.PROVINCIAL,
            Period.phase(2021, 2025, horizon=2030),
            objectives,
        ),
    )
    # Tasks running since 2021: eight accepted in 2022, fourteen still running at its end.
    for n in range(22):
        history: list[Event] = [
            Approved(_d(2020, 12, 10 + n % 15)),
            Contracted(_d(2021, 2, 1 + n)),
            Inspected(_d(2022, 6, 1 + n)),
        ]
        end = _d(2023, 6, 30)
        if n < 8:
            end = _d(2022, 6, 30)
            history += [Evaluated(_d(2022, 9, 1 + n), Grade.PASS), Registered(_d(2022, 10, 3 + n))]
        b.add(Level.PROVINCIAL, TaskKind.RESEARCH, _d(2021, 3, 1), end, history, program=scheme)
    # 104 proposals in 2022 for tasks to run from 2023: 35 approved in December, 58 rejected, 11 pending.
    for n in range(104):
        proposed = _d(2022, 3, 1) + timedelta(days=2 * n)
        history = [Proposed(proposed)]
        if n < 35:
            history.append(Approved(_d(2022, 12, 15)))
        elif n < 93:
            history.append(Rejected(_d(2022, 11, 20)))
        kind = TaskKind.PILOT_PRODUCTION if n % 5 == 0 else TaskKind.RESEARCH
        b.add(Level.PROVINCIAL, kind, _d(2023, 1, 1), _d(2024, 12, 31), history, program=scheme)
    portfolio = Portfolio("Sở KH&CN tỉnh Thái Bình (dữ liệu minh họa)", b.tasks, programs)
    year, next_year = Period.year(2022), Period.year(2023)
    figures: tuple[_Figure, ...] = (
        (
            "tổng hợp hơn 100 đề xuất nhiệm vụ KH-CN cấp tỉnh thực hiện từ năm 2023",
            "hơn 100",
            lambda p: pipeline(p, year).proposed,
            lambda value: isinstance(value, int) and value > 100,
        ),
        (
            "UBND tỉnh phê duyệt 35 nhiệm vụ KH-CN thực hiện từ năm 2023",
            "35",
            lambda p: carry_over(p, next_year, enters=Milestone.STARTED).new,
            _equals(35),
        ),
        (
            "hoàn thành hơn 50% mục tiêu đề án phát triển KH-CN giai đoạn 2021 - 2025",
            "hơn 50%",
            lambda p: share_met(p.program(scheme).targets),
            lambda value: (
                isinstance(value, Ratio) and value.value is not None and value.value > Decimal("0.5")
            ),
        ),
    )
    return DemoCase(
        "thai_binh_2022",
        "Sở KH&CN tỉnh Thái Bình, năm 2022",
        "35 nhiệm vụ khoa học và công nghệ thực hiện từ năm 2023 (báo Thái Bình, 28/12/2022)",
        portfolio,
        year,
        Milestone.APPROVED,
        Milestone.EVALUATED,
        figures,
    )


def _dong_thap() -> DemoCase:
    b = _Builder("Đồng Tháp")
    ntmn = "NTMN"
    programs = (Program(ntmn, "Chương trình Nông thôn miền núi", Level.NATIONAL, Period.phase(2016, 2025)),)
    # Four national tasks the province proposed for ordering (đặt hàng) in 2021, not yet decided.
    for n in range(4):
        b.add(
            Level.NATIONAL,
            TaskKind.RESEARCH,
            _d(2022, 7, 1),
            _d(2024, 6, 30),
            [Proposed(_d(2021, 5, 10 + n))],
        )
    # One project of the Nông thôn miền núi program, followed in 2021.
    b.add(
        Level.NATIONAL,
        TaskKind.PROJECT,
        _d(2020, 7, 1),
        _d(2022, 12, 31),
        [Approved(_d(2020, 4, 2)), Contracted(_d(2020, 6, 15)), Inspected(_d(2021, 10, 5))],
        program=ntmn,
    )
    # Provincial: 15 contracted earlier (nine accepted in 2021), 27 contracted in 2021.
    for n in range(15):
        history: list[Event] = [Approved(_d(2019, 10, 1 + n)), Contracted(_d(2019, 12, 2 + n))]
        end = _d(2022, 6, 30)
        if n < 9:
            end = _d(2021, 6, 30)
            history.append(Evaluated(_d(2021, 8, 2 + n), Grade.PASS))
        b.add(Level.PROVINCIAL, TaskKind.RESEARCH, _d(2020, 1, 1), end, history)
    for n in range(27):
        approved = _d(2020, 11, 20) + timedelta(days=7 * n)
        contracted = approved + timedelta(days=45)
        b.add(
            Level.PROVINCIAL,
            TaskKind.PILOT_PRODUCTION if n % 4 == 0 else TaskKind.RESEARCH,
            _d(contracted.year, contracted.month, 1),
            _d(2023, 6, 30),
            [Proposed(_d(2020, 8, 3 + n % 25)), Approved(approved), Contracted(contracted)],
        )
    # Provincial proposals of 2021 for 2022: twelve approved in December 2021, contracted in 2022 (so
    # outside the 2021 ledger counted by contract), eight rejected.
    for n in range(20):
        history = [Proposed(_d(2021, 6, 1 + n))]
        history.append(Approved(_d(2021, 12, 20)) if n < 12 else Rejected(_d(2021, 11, 15)))
        b.add(Level.PROVINCIAL, TaskKind.RESEARCH, _d(2022, 3, 1), _d(2023, 12, 31), history)
    # Grassroots: 11 contracted in 2020, 8 in 2021; six accepted in 2021.
    for n in range(19):
        contracted = _d(2020, 9, 1 + n) if n < 11 else _d(2021, 3, 1 + n)
        history = [Approved(contracted - timedelta(days=20)), Contracted(contracted)]
        if n < 6:
            history.append(Evaluated(_d(2021, 10, 4 + n), Grade.PASS))
        end = _d(2021, 9, 30) if n < 6 else _d(2022, 6, 30)
        b.add(Level.GRASSROOTS, TaskKind.RESEARCH, contracted, end, history)
    portfolio = Portfolio("Sở KH&CN tỉnh Đồng Tháp (dữ liệu minh họa)", b.tasks, programs)
    year, basis = Period.year(2021), Milestone.CONTRACTED

    figures: tuple[_Figure, ...] = (
        (
            "đề xuất UBND Tỉnh đặt hàng 04 nhiệm vụ KH&CN cấp quốc gia",
            "04",
            lambda p: report(p, year, enters=basis).by_level[Level.NATIONAL].pipeline.proposed,
            _equals(4),
        ),
        (
            "theo dõi thực hiện 01 dự án thuộc chương trình nông thôn miền núi",
            "01",
            lambda p: report(p, year, enters=basis).by_program[ntmn].ledger.managed,
            _equals(1),
        ),
        (
            "ký hợp đồng triển khai thực hiện 27 nhiệm vụ cấp Tỉnh",
            "27",
            lambda p: report(p, year, enters=basis).by_level[Level.PROVINCIAL].ledger.new,
            _equals(27),
        ),
        (
            "theo dõi triển khai thực hiện 19 nhiệm vụ cấp cơ sở",
            "19",
            lambda p: report(p, year, enters=basis).by_level[Level.GRASSROOTS].ledger.managed,
            _equals(19),
        ),
    )
    return DemoCase(
        "dong_thap_2021",
        "Sở KH&CN tỉnh Đồng Tháp, năm 2021",
        "Hội nghị Tổng kết hoạt động Khoa học và Công nghệ năm 2021 (Sở KH&CN Đồng Tháp, 29/12/2021)",
        portfolio,
        year,
        Milestone.CONTRACTED,
        Milestone.EVALUATED,
        figures,
    )


def _bac_giang() -> DemoCase:
    b = _Builder("Bắc Giang")
    half = Period.half(2023, 1)
    rows = (
        ("CT-01", "Số nhiệm vụ KH&CN cấp tỉnh được nghiệm thu", "nhiệm vụ", 8, 9, Direction.AT_LEAST),
        ("CT-02", "Số đơn đăng ký sở hữu công nghiệp được hướng dẫn", "đơn", 60, 72, Direction.AT_LEAST),
        ("CT-03", "Số cơ sở được kiểm tra đo lường, chất lượng", "cơ sở", 120, 131, Direction.AT_LEAST),
        (
            "CT-04",
            "Số doanh nghiệp được hỗ trợ áp dụng công cụ 5S",
            "doanh nghiệp",
            15,
            15,
            Direction.AT_LEAST,
        ),
        ("CT-05", "Số mô hình chuyển đổi số cấp xã được nhân rộng", "mô hình", 10, 12, Direction.AT_LEAST),
        ("CT-06", "Số phương tiện đo được kiểm định", "phương tiện", 9000, 9350, Direction.AT_LEAST),
        ("CT-07", "Tỷ lệ hồ sơ thủ tục hành chính giải quyết trễ hạn", "%", 2, 0, Direction.AT_MOST),
        ("CT-08", "Số sản phẩm được hỗ trợ xây dựng nhãn hiệu", "sản phẩm", 12, 9, Direction.AT_LEAST),
        ("CT-09", "Số doanh nghiệp KH&CN được chứng nhận", "doanh nghiệp", 3, 1, Direction.AT_LEAST),
    )
    targets = [
        Target(code, name, unit, Decimal(planned), Decimal(actual), direction, period=half)
        for code, name, unit, planned, actual, direction in rows
    ]
    # A target for the whole year is assessed in the year's report, not in the half's.
    targets.append(
        Target(
            "CT-10", "Số nhiệm vụ KH&CN cấp tỉnh mở mới", "nhiệm vụ", Decimal(25), period=Period.year(2023)
        )
    )
    for n in range(12):
        history: list[Event] = [Approved(_d(2022, 3, 1 + n)), Contracted(_d(2022, 5, 2 + n))]
        if n < 4:
            history += [Evaluated(_d(2023, 4, 3 + n), Grade.PASS), Registered(_d(2023, 5, 2 + n))]
        b.add(Level.PROVINCIAL, TaskKind.RESEARCH, _d(2022, 6, 1), _d(2023, 12, 31), history)
    portfolio = Portfolio("Sở KH&CN tỉnh Bắc Giang (dữ liệu minh họa)", b.tasks, targets=targets)
    figures: tuple[_Figure, ...] = (
        (
            "hoàn thành 77,8% chỉ tiêu được giao 6 tháng đầu năm",
            "77,8%",
            lambda p: report(p, half).targets,
            lambda value: isinstance(value, Ratio) and value.format("vi") == "77,8%",
        ),
    )
    return DemoCase(
        "bac_giang_2023h1",
        "Sở KH&CN tỉnh Bắc Giang, 6 tháng đầu năm 2023",
        "Sở KH&CN Bắc Giang hoàn thành 77,8% chỉ tiêu kinh tế - xã hội được giao 6 tháng đầu năm 2023 "
        "(03/08/2023)",
        portfolio,
        half,
        Milestone.APPROVED,
        Milestone.EVALUATED,
        figures,
    )


_CASES: dict[str, Callable[[], DemoCase]] = {
    "thai_nguyen_2023": _thai_nguyen,
    "thai_binh_2022": _thai_binh,
    "dong_thap_2021": _dong_thap,
    "bac_giang_2023h1": _bac_giang,
}


def demo_cases() -> tuple[DemoCase, ...]:
    """Every demo case, built afresh: Thái Nguyên 2023, Thái Bình 2022, Đồng Tháp 2021, Bắc Giang 2023H1."""
    return tuple(build() for build in _CASES.values())


def demo_case(key: str) -> DemoCase:
    """The demo case named ``key`` (one of ``thai_nguyen_2023``, ``thai_binh_2022``, ...).

    Raises:
        KeyError: naming the keys there are.
    """
    build = _CASES.get(key)
    if build is None:
        raise KeyError(f"no demo case {key!r}; there are {', '.join(_CASES)}")
    return build()


def demo_portfolio(key: str = "thai_nguyen_2023") -> Portfolio:
    """The constructed portfolio of demo case ``key`` (see :func:`demo_case`)."""
    return demo_case(key).portfolio
