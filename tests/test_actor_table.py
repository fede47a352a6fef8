"""The one actor table (data/actors.toml) against sentences written for the test, with the
expected actor and side written here by hand, not read from the table: a wrong entry
fails. None is from the demo articles."""

from __future__ import annotations

from datetime import date

import pytest

from frontwatch.lexicons import actor_table
from frontwatch.models import Actor, Article
from frontwatch.pipeline import Pipeline

# (sentence, expected claimant canonical name, expected side). One or more per actor.
SENTENCES = [
    (
        "President Zelensky said in a video that troops advanced near Kupiansk.",
        "Volodymyr Zelenskyy",
        "UA",
    ),
    ("Vladimir Putin said his troops had captured the town of Marinka.", "Vladimir Putin", "RU"),
    (
        "Luhansk governor Serhiy Gaidai said Russian shelling hit Lysychansk overnight.",
        "Serhiy Haidai",
        "UA",
    ),
    ("Oleg Sinegubov said Russian rockets struck Chuhuiv on Sunday.", "Oleh Syniehubov", "UA"),
    ("Denys Pushylin said his forces had advanced near Avdiivka.", "Denis Pushilin", "RU-INST"),
    ("Leonid Pasechnik said Ukrainian shelling hit Alchevsk.", "Leonid Pasechnik", "RU-INST"),
    ("Sergey Shoygu said Russian units captured two villages.", "Sergei Shoigu", "RU"),
    ("Dmitri Peskov said Russian troops were advancing as planned.", "Dmitry Peskov", "RU"),
    (
        "The Russian Ministry of Defence said its troops repelled an attack near Kreminna.",
        "Ministry of Defence of Russia",
        "RU",
    ),
    (
        "British military intelligence said Russian forces had shelled Vuhledar.",
        "Ministry of Defence of the United Kingdom",
        "THIRD",
    ),
    (
        "The Ukrainian Defence Ministry said its troops crossed the Dnipro.",
        "Ministry of Defence of Ukraine",
        "UA",
    ),
    (
        "The Ukrainian General Staff said its forces repelled attacks near Bakhmut.",
        "General Staff of the Armed Forces of Ukraine",
        "UA",
    ),
    (
        "The State Border Guard Service said its units repelled an attack near Siversk.",
        "State Border Guard Service of Ukraine",
        "UA",
    ),
    (
        "Border guards said they destroyed an enemy assault group near Kreminna.",
        "State Border Guard Service of Ukraine",
        "UA",
    ),
    (
        "Zelensky's office said Russian missiles struck Zaporizhzhia.",
        "Office of the President of Ukraine",
        "UA",
    ),
    (
        "The Ukrainian army said it shot down twelve drones over Odesa.",
        "Armed Forces of Ukraine",
        "UA",
    ),
    ("Russian forces said they captured the village of Pisky.", "Armed Forces of Russia", "RU"),
    (
        "The Freedom of Russia Legion said its fighters entered Kozinka.",
        "Freedom of Russia Legion",
        "UA",
    ),
    ("The Russian Volunteer Corps said it attacked Tyotkino.", "Russian Volunteer Corps", "UA"),
    (
        "The Ukrainian government said Russian shelling damaged a power plant in Kharkiv.",
        "Government of Ukraine",
        "UA",
    ),
    ("The Kremlin said Russian troops had taken Soledar.", "Government of Russia", "RU"),
    (
        "The Russian-installed administration said Ukrainian shelling hit Nova Kakhovka.",
        "Russian-installed authorities",
        "RU-INST",
    ),
    (
        "Russian state media said Russian troops captured the town of Soledar.",
        "Russian state media",
        "RU",
    ),
    ("NATO said Russian forces shelled villages near Kharkiv.", "NATO", "THIRD"),
    (
        "Western officials said Russian troops withdrew from Kherson city.",
        "Western officials",
        "THIRD",
    ),
    ("The United Nations said shelling hit a school in Donetsk.", "United Nations", "THIRD"),
    (
        "The Institute for the Study of War said Ukrainian forces advanced near Svatove.",
        "Institute for the Study of War",
        "THIRD",
    ),
    ("Eduard Basurin said his units repelled an attack near Donetsk.", "Eduard Basurin", "RU-INST"),
    ("Andriy Marochko said Ukrainian troops shelled Pervomaisk.", "Andrei Marochko", "RU-INST"),
    ("Vladimir Rogov said Ukrainian shelling hit Enerhodar.", "Vladimir Rogov", "RU-INST"),
    ("Ramzan Kadyrov said his fighters captured a village near Lyman.", "Ramzan Kadyrov", "RU"),
    ("Serhii Cherevatyi said Russian forces shelled Bakhmut 40 times.", "Serhiy Cherevaty", "UA"),
    (
        "The DPR People's Militia said its units shelled Avdiivka.",
        "People's Militia of the DPR",
        "RU-INST",
    ),
    (
        "The regional military administration said Russian missiles struck Kryvyi Rih.",
        "Oblast military administration (Ukraine)",
        "UA",
    ),
    (
        "Defence Intelligence of Ukraine said its drones struck a depot in Melitopol.",
        "Defence Intelligence of Ukraine",
        "UA",
    ),
    (
        "The SBU said it detained a man in Zhytomyr who filmed air defence positions.",
        "Security Service of Ukraine",
        "UA",
    ),
    (
        "The FSB said it detained a Ukrainian saboteur near Bryansk on Monday.",
        "Federal Security Service of Russia",
        "RU",
    ),
    (
        "Operational Command South said Ukrainian forces destroyed two ammunition depots.",
        "Operational Command South (Ukraine)",
        "UA",
    ),
]


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline()


def _claimants(pipeline: Pipeline, text: str) -> list[Actor]:
    article = Article(id="t", path="t.txt", text=text, published=date(2022, 9, 21))
    (processed,) = list(pipeline.process([article]))
    return [e.claim.claimant for e in processed.events if e.claim and e.claim.claimant]


def test_every_actor_has_a_sentence() -> None:
    outlets = {a.name for a in actor_table() if a.kind == "outlet"}
    claimants = {name for _, name, _ in SENTENCES}
    assert claimants | {"Reuters"} == {a.name for a in actor_table()}
    assert outlets <= claimants | {"Reuters"}


@pytest.mark.parametrize(("text", "name", "side"), SENTENCES)
def test_actor_in_a_sentence(pipeline: Pipeline, text: str, name: str, side: str) -> None:
    found = {(c.canonical, c.side) for c in _claimants(pipeline, text)}
    assert (name, side) in found, found


@pytest.mark.parametrize(
    ("text", "outlet"),
    [
        ("Russian troops shelled Nikopol, Reuters reported.", "Reuters"),
        ("Ukrainian troops shelled Donetsk, Russian state media reported.", "Russian state media"),
    ],
)
def test_an_outlet_relays_rather_than_claims(pipeline: Pipeline, text: str, outlet: str) -> None:
    article = Article(id="t", path="t.txt", text=text, published=date(2022, 9, 21))
    (processed,) = list(pipeline.process([article]))
    (shelling,) = [e for e in processed.events if e.fw_type == "shelling"]
    assert shelling.claim is not None
    assert outlet in (shelling.claim.outlet, getattr(shelling.claim.claimant, "canonical", None))
