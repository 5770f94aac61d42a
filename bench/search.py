"""Search benchmark: a synthetic ten-year archive in six languages, then 100 queries per
language, p50/p95 latency and index size, on SQLite and (if given) PostgreSQL.

    .venv/bin/python bench/search.py                 # SQLite only (PostgreSQL skipped)
    .venv/bin/python bench/search.py --pg postgres://postgres@127.0.0.1:5432/postgres
    DATABASE_URL=postgres://… .venv/bin/python bench/search.py

The archive (500 meetings, 20,000 statements, 2,000 documents; ~80% public, the rest
members-only or drafts) is written straight into the index through ``amity.search.index.write``
(the code path of every service and of ``amity reindex``), in a temporary var dir for SQLite
and a throwaway database (created and dropped here) for PostgreSQL. Each mode runs in its own
process because the database is chosen when Django's settings load. Target: p95 <= 50 ms.
Latency depends on what else the machine runs: each mode prints the load average.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LANGUAGES = ("ar", "zh", "en", "fr", "ru", "es")
BENCH_DB = "amity_bench_search"


def _words(text: str) -> list[str]:
    return text.split()


WORDS = {
    "en": _words(
        "the of and to in a on for that with by is was as at from this be are which not "
        "group friends neutrality peace security sustainable development united nations general "
        "assembly resolution member states meeting statement declaration cooperation dialogue "
        "trust preventive diplomacy mediation initiative strategy institute permanent support "
        "delegation minister ambassador coordinator consensus adopted principles charter "
        "sovereignty territorial integrity international law conflict prevention humanitarian "
        "climate energy transport connectivity region regional central asia caspian sea "
        "partnership commitment implementation agenda session report year plan activities "
        "event conference forum expert level ministerial high participants welcomed noted "
        "stressed emphasized reaffirmed recalled expressed appreciation gratitude proposal "
        "establishment office centre stability confidence building measures women youth "
        "education health water food environment disarmament terrorism multilateralism"
    ),
    "fr": _words(
        "le la les de des du et à en un une pour que qui dans sur par avec est a été au aux "
        "groupe amis neutralité paix sécurité développement durable nations unies assemblée "
        "générale résolution États membres réunion déclaration coopération dialogue confiance "
        "diplomatie préventive médiation initiative stratégie institut permanente soutien "
        "délégation ministre ambassadeur coordonnateur consensus adoptée principes charte "
        "souveraineté intégrité territoriale droit international prévention conflits "
        "humanitaire climat énergie transports connectivité région régionale asie centrale "
        "mer caspienne partenariat engagement mise œuvre ordre jour session rapport année "
        "plan activités manifestation conférence forum experts niveau ministériel haut "
        "participants salué noté souligné réaffirmé rappelé exprimé gratitude proposition "
        "création bureau centre stabilité mesures femmes jeunes éducation santé eau "
        "alimentation environnement désarmement terrorisme multilatéralisme"
    ),
    "es": _words(
        "el la los las de del y a en un una para que por con es fue se al sobre "
        "grupo amigos neutralidad paz seguridad desarrollo sostenible naciones unidas asamblea "
        "general resolución Estados miembros reunión declaración cooperación diálogo confianza "
        "diplomacia preventiva mediación iniciativa estrategia instituto permanente apoyo "
        "delegación ministro embajador coordinador consenso aprobada principios carta "
        "soberanía integridad territorial derecho internacional prevención conflictos "
        "humanitaria clima energía transporte conectividad región regional asia central mar "
        "caspio asociación compromiso aplicación programa período sesiones informe año plan "
        "actividades evento conferencia foro expertos nivel ministerial alto participantes "
        "acogieron observaron subrayaron reafirmaron recordaron expresaron gratitud propuesta "
        "creación oficina centro estabilidad medidas mujeres jóvenes educación salud agua "
        "alimentación medio ambiente desarme terrorismo multilateralismo"
    ),
    "ru": _words(
        "и в на по с о для что как это был была были к из от за не "
        "группа друзей нейтралитета мира безопасности устойчивого развития организации "
        "объединённых наций генеральной ассамблеи резолюция государства члены заседание "
        "заявление декларация сотрудничество диалог доверие превентивной дипломатии "
        "посредничество инициатива стратегия института постоянного поддержка делегация "
        "министр посол координатор консенсус принята принципы устава суверенитет "
        "территориальная целостность международного права предотвращение конфликтов "
        "гуманитарной климат энергетика транспорт связанность регион региональной "
        "центральной азии каспийского моря партнёрство обязательства осуществление повестка "
        "дня сессия доклад год план мероприятия конференция форум экспертов уровне "
        "министерском высоком участники приветствовали отметили подчеркнули подтвердили "
        "напомнили выразили признательность предложение создание офиса центра стабильности "
        "меры женщины молодёжь образование здравоохранение вода продовольствие окружающей "
        "среды разоружение терроризм многосторонности"
    ),
    "ar": _words(
        "في من على إلى و أن هذا التي الذي مع عن كان قد ما "
        "مجموعة أصدقاء الحياد السلام الأمن التنمية المستدامة الأمم المتحدة الجمعية العامة "
        "قرار الدول الأعضاء اجتماع بيان إعلان التعاون الحوار الثقة الدبلوماسية الوقائية "
        "الوساطة مبادرة استراتيجية معهد الدائم دعم وفد وزير سفير المنسق توافق اعتمد مبادئ "
        "ميثاق السيادة السلامة الإقليمية القانون الدولي منع النزاعات الإنسانية المناخ "
        "الطاقة النقل الترابط المنطقة الإقليمي آسيا الوسطى بحر قزوين الشراكة الالتزام "
        "التنفيذ جدول الأعمال الدورة تقرير سنة خطة الأنشطة حدث مؤتمر منتدى الخبراء مستوى "
        "الوزاري الرفيع المشاركون رحبوا أشاروا أكدوا جددوا أعربوا التقدير الامتنان اقتراح "
        "إنشاء مكتب مركز الاستقرار تدابير النساء الشباب التعليم الصحة المياه الغذاء البيئة "
        "نزع السلاح الإرهاب التعددية"
    ),
    "zh": _words(
        "的 和 在 了 是 对 与 为 中立 之友 小组 和平 安全 可持续 发展 联合国 大会 决议 会员国 "
        "会议 发言 宣言 合作 对话 信任 预防 外交 调解 倡议 战略 研究所 永久 支持 代表团 "
        "部长 大使 协调员 协商一致 通过 原则 宪章 主权 领土完整 国际法 预防冲突 人道主义 "
        "气候 能源 交通 互联互通 区域 中亚 里海 伙伴关系 承诺 执行 议程 届会 报告 年度 "
        "计划 活动 会议 论坛 专家 级别 部长级 高级 与会者 欢迎 注意到 强调 重申 回顾 表示 "
        "感谢 建议 设立 办公室 中心 稳定 建立信任措施 妇女 青年 教育 卫生 水 粮食 环境 "
        "裁军 恐怖主义 多边主义"
    ),
}
HARAKAT = ["\u064e", "\u064f", "\u0650", "\u0651", "\u0652", "\u064b"]


def _weights(n: int) -> list[float]:
    return [1.0 / (rank + 1) ** 0.9 for rank in range(n)]


WEIGHTS = {lang: _weights(len(words)) for lang, words in WORDS.items()}


def vowelled(word: str, rng: random.Random) -> str:
    return "".join(ch + (rng.choice(HARAKAT) if rng.random() < 0.6 else "") for ch in word)


def text(lang: str, words: int, rng: random.Random) -> str:
    picked = rng.choices(WORDS[lang], weights=WEIGHTS[lang], k=words)
    if lang == "ar":
        picked = [vowelled(w, rng) if rng.random() < 0.3 else w for w in picked]
    if lang == "zh":
        out = []
        for n, word in enumerate(picked, 1):
            out.append(word)
            if n % rng.randint(8, 20) == 0:
                out.append("。" if rng.random() < 0.5 else "，")
        return "".join(out)
    sentences, current = [], []
    for word in picked:
        current.append(word)
        if len(current) >= rng.randint(12, 30):
            sentences.append(" ".join(current).capitalize() + ".")
            current = []
    if current:
        sentences.append(" ".join(current).capitalize() + ".")
    return " ".join(sentences)


def queries(lang: str, n: int, rng: random.Random) -> list[str]:
    content = [w for w in WORDS[lang] if len(w) >= (2 if lang == "zh" else 4)]
    out = []
    for _ in range(n):
        terms = rng.sample(content, 1 if rng.random() < 0.7 else 2)
        if lang == "ar" and rng.random() < 0.3:
            terms = [vowelled(t, rng) for t in terms]
        out.append(("" if lang == "zh" else " ").join(terms))
    return out


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


# --- one mode, in a child process -----------------------------------------------------------


def run_mode(args: argparse.Namespace) -> dict[str, object]:
    import django

    sys.path.insert(0, str(ROOT))
    os.environ["DJANGO_SETTINGS_MODULE"] = "amity.settings"
    django.setup()
    import datetime

    from django.contrib.auth.models import AnonymousUser
    from django.core.management import call_command
    from django.db import connection, transaction

    from amity.members.models import Group
    from amity.search import index, selectors
    from amity.search.index import Entry
    from amity.search.models import Audience

    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    rng = random.Random(args.seed)
    groups = [
        Group.objects.create(slug=f"bench-{n}", names={"en": f"Bench group {n}"}) for n in range(3)
    ]
    first = datetime.datetime(2015, 1, 1, tzinfo=datetime.UTC)

    def access() -> tuple[str, bool]:
        roll = rng.random()
        if roll < 0.8:
            return Audience.PUBLIC, False
        if roll < 0.95:
            return Audience.PARTICIPANTS, False
        return Audience.COORDINATOR, True

    def entries() -> list[Entry]:
        out: list[Entry] = []
        per_meeting = args.statements // args.meetings
        for m in range(args.meetings):
            group = groups[m % len(groups)]
            moment = first + datetime.timedelta(days=int(m * 3650 / args.meetings))
            audience, draft = access()
            common = {
                "group_id": group.pk,
                "audience": audience,
                "is_draft": draft,
                "year": moment.year,
                "updated_at": moment,
            }
            for lang in LANGUAGES:
                out.append(
                    Entry(
                        key=f"meeting:{m}",
                        kind="meeting",
                        language=lang,
                        title=text(lang, 12, rng),
                        body=text(lang, rng.randint(150, 600), rng),
                        url=f"/{lang}/meetings/{m}/",
                        **common,
                    )
                )
            for s in range(per_meeting):
                lang = rng.choice(LANGUAGES)
                out.append(
                    Entry(
                        key=f"meeting:{m}/statement:{s}",
                        kind="statement",
                        language=lang,
                        title=text(lang, 6, rng),
                        body=text(lang, rng.randint(150, 900), rng),
                        url=f"/{lang}/meetings/{m}/statements/{s}/",
                        **common,
                    )
                )
        for d in range(args.documents):
            lang = LANGUAGES[d % 6]
            moment = first + datetime.timedelta(days=rng.randint(0, 3649))
            audience, draft = access()
            out.append(
                Entry(
                    key=f"document:{d // 6}/{lang}",
                    kind="document",
                    language=lang,
                    group_id=groups[d % len(groups)].pk,
                    title=text(lang, 10, rng),
                    body=text(lang, rng.randint(400, 2500), rng),
                    url=f"/{lang}/documents/{d}/",
                    audience=audience,
                    is_draft=draft,
                    year=moment.year,
                    updated_at=moment,
                )
            )
        return out

    archive = entries()
    generated = time.perf_counter()
    chars = sum(len(e.title) + len(e.body) for e in archive)
    for start in range(0, len(archive), 2000):
        with transaction.atomic():
            index.write(archive[start : start + 2000])
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    else:
        with connection.cursor() as cursor:
            cursor.execute("INSERT INTO search_fts(search_fts) VALUES ('optimize')")
    indexed = time.perf_counter()

    anonymous = AnonymousUser()
    qrng = random.Random(args.seed + 1)
    per_language: dict[str, dict[str, float]] = {}
    every: list[float] = []
    hits_total = 0
    for lang in LANGUAGES:
        timings = []
        for q in queries(lang, args.queries, qrng):
            t0 = time.perf_counter()
            page = selectors.search(user=anonymous, q=q)
            timings.append((time.perf_counter() - t0) * 1000)
            hits_total += len(page.results)
        every += timings
        per_language[lang] = {
            "p50": percentile(timings, 50),
            "p95": percentile(timings, 95),
        }
    return {
        "vendor": connection.vendor,
        "entries": len(archive),
        "text_mb": chars / 1e6,
        "generate_s": generated - started,
        "index_s": indexed - generated,
        "index_mb": index.size_bytes() / 1e6,
        "languages": per_language,
        "p50": percentile(every, 50),
        "p95": percentile(every, 95),
        "results_per_query": hits_total / len(every),
    }


# --- the parent -----------------------------------------------------------------------------


def child(mode: str, args: argparse.Namespace, env: dict[str, str]) -> dict[str, object]:
    command = [sys.executable, __file__, "--child", *sys.argv[1:]]
    out = subprocess.run(
        command, env=env, capture_output=True, text=True, timeout=args.timeout, check=False
    )
    if out.returncode != 0:
        raise SystemExit(f"{mode} run failed:\n{out.stderr[-4000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def report(mode: str, result: dict[str, object]) -> None:
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    print(f"\n== {mode} ==  (load average after the run: {load})")
    print(
        f"archive: {result['entries']:,} entries, {result['text_mb']:.1f} MB of text; "
        f"generated in {result['generate_s']:.1f} s, indexed in {result['index_s']:.1f} s; "
        f"index size {result['index_mb']:.1f} MB"
    )
    print(f"{'language':<10}{'p50 ms':>10}{'p95 ms':>10}")
    languages = result["languages"]
    assert isinstance(languages, dict)
    for lang, figures in languages.items():
        print(f"{lang:<10}{figures['p50']:>10.1f}{figures['p95']:>10.1f}")
    verdict = "meets" if float(result["p95"]) <= 50 else "MISSES"  # type: ignore[arg-type]
    print(
        f"{'all':<10}{result['p50']:>10.1f}{result['p95']:>10.1f}   "
        f"({verdict} the 50 ms p95 target; {result['results_per_query']:.1f} results/query)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--pg",
        default=os.environ.get("DATABASE_URL", ""),
        help="an existing PostgreSQL database to connect to; the benchmark makes its own beside it",
    )
    parser.add_argument("--meetings", type=int, default=500)
    parser.add_argument("--statements", type=int, default=20_000)
    parser.add_argument("--documents", type=int, default=2_000)
    parser.add_argument("--queries", type=int, default=100, help="per language")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--timeout", type=int, default=1200, help="seconds per mode")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(run_mode(args)))
        return

    with tempfile.TemporaryDirectory(prefix="amity-bench-search-") as var:
        env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "REDIS_URL")}
        env["AMITY_VAR_DIR"] = var
        report("SQLite (FTS5 trigram)", child("SQLite", args, env))

    if not args.pg.startswith("postgres"):
        print("\n== PostgreSQL skipped: give --pg URL or DATABASE_URL ==")
        return
    import psycopg

    try:
        admin = psycopg.connect(args.pg, autocommit=True)
    except psycopg.OperationalError as exc:
        print(f"\n== PostgreSQL skipped: cannot connect to {args.pg} ({exc}) ==")
        print("   --pg names an existing database to connect to (e.g. .../postgres); the")
        print(f"   benchmark creates and drops its own database {BENCH_DB} beside it.")
        return
    admin.execute(f"DROP DATABASE IF EXISTS {BENCH_DB}")
    admin.execute(f"CREATE DATABASE {BENCH_DB}")
    try:
        base = args.pg.rsplit("/", 1)[0]
        with tempfile.TemporaryDirectory(prefix="amity-bench-search-") as var:
            env = {k: v for k, v in os.environ.items() if k != "REDIS_URL"}
            env.update(DATABASE_URL=f"{base}/{BENCH_DB}", AMITY_VAR_DIR=var)
            env.setdefault("AMITY_SECRET_KEY", "bench-only")
            report(
                "PostgreSQL (tsvector with CJK characters and pairs)",
                child("PostgreSQL", args, env),
            )
    finally:
        admin.execute(f"DROP DATABASE IF EXISTS {BENCH_DB} WITH (FORCE)")
        admin.close()


if __name__ == "__main__":
    main()
