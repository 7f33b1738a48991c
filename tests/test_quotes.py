"""Quotes: table-driven cases on news passages written for these tests, and a fuzz test.

Each case is a passage and the rows it must give: (kind, words, speaker, cue). `words` is what
the row's `words` column (the speaker's words, segments joined by " … ") must equal after
trimming a trailing full stop; `None` for speaker or cue means the row has none. `exact=True`
cases must give no other row.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsfacts.extract.quote_marks import find_quoted
from newsfacts.extract.quotes import extract_quotes

# (id, passage, expected rows, exact)
CASES = [
    # direct quotes, straight and curly marks
    (
        "direct-straight-after",
        '"We will rebuild every school," Mayor Ana Ruiz said on Tuesday.',
        [("direct", "We will rebuild every school", "Ana Ruiz", "said")],
        True,
    ),
    (
        "direct-curly-after",
        "\u201cThe water is rising faster than we expected,\u201d said Tom Okafor, a local farmer.",
        [("direct", "The water is rising faster than we expected", "Tom Okafor", "said")],
        True,
    ),
    (
        "direct-colon-before",
        'The minister Pedro Alves told reporters: "There will be no new taxes this year."',
        [("direct", "There will be no new taxes this year.", "Pedro Alves", "told")],
        True,
    ),
    (
        "direct-comma-before",
        'Helena Berg said, "Our teams reached the village before dawn."',
        [("direct", "Our teams reached the village before dawn.", "Helena Berg", "said")],
        True,
    ),
    (
        "direct-inverted-org",
        '"Supplies are running out", said the Red Cross.',
        [("direct", "Supplies are running out", "Red Cross", "said")],
        True,
    ),
    (
        "direct-added",
        'Oxfam published its report on Monday. "Hunger is spreading", it added.',
        [("direct", "Hunger is spreading", "Oxfam", "added")],
        False,
    ),
    (
        "direct-question",
        '"Who will pay for this?" asked Maria Santos.',
        [("direct", "Who will pay for this?", "Maria Santos", "asked")],
        False,
    ),
    (
        "direct-apostrophe-inside",
        'Nadia Rahman lost her shop in the fire. "We don\'t know where to go," she said.',
        [("direct", "We don't know where to go", "Nadia Rahman", "said")],
        True,
    ),
    # a reporting gerund after 'by', 'after', ... is said by the subject of the verb before it
    (
        "gerund-by-saying",
        "Senator Ifeoma Chukwu angered farmers last week by saying that the subsidy would end.",
        [("indirect", "that the subsidy would end", "Ifeoma Chukwu", "saying")],
        True,
    ),
    (
        "gerund-after-telling",
        "Lars Nilsson resigned after telling the board that the accounts were false.",
        [("indirect", "that the accounts were false", "Lars Nilsson", "telling")],
        True,
    ),
    # a verb without a subject hung on a reported clause is the reporter's, not the clause subject's
    (
        "participle-on-reported-clause",
        "Trade analysts in Nairobi said rising fuel prices had hurt exporters, citing the cost of "
        "shipping tea.",
        [("indirect", "the cost of shipping tea", "Trade analysts in Nairobi", "citing")],
        False,
    ),
    (
        "conjunct-on-reported-clause",
        "Prime Minister Ana Silva said that the country would leave the union by March and "
        "suggested that it would quit the single market.",
        [("indirect", "that it would quit the single market", "Ana Silva", "suggested")],
        False,
    ),
    # 'called for X to Y', where the parser reads 'for' as a clause's mark
    (
        "called-for-someone-to",
        "Amara Obi is calling for some of her rivals to drop out of the race.",
        [("indirect", "some of her rivals to drop out of the race", "Amara Obi", "calling for")],
        True,
    ),
    (
        "called-day-for-someone-to",
        "Yusuf Demir called Wednesday for the chief justice to resign.",
        [("indirect", "the chief justice to resign", "Yusuf Demir", "called for")],
        True,
    ),
    # a reporting verb in the infinitive another one asks for is part of its content, not a
    # statement of its own, and does not end the content
    (
        "called-on-someone-to-a-reporting-verb",
        "Senator Ines Duarte on Friday called on the mayor to apologize for the delays.",
        [("indirect", "the mayor to apologize for the delays", "Ines Duarte", "called on")],
        True,
    ),
    (
        "urged-someone-to-a-reporting-verb",
        "Ines Duarte urged the minister to explain the cuts to parents.",
        [("indirect", "the minister to explain the cuts to parents", "Ines Duarte", "urged")],
        True,
    ),
    (
        "vowed-to-a-reporting-verb",
        "The union vowed to reveal how much the chief executive earned.",
        [("indirect", "to reveal how much the chief executive earned", "union", "vowed")],
        True,
    ),
    # 'defend' reports its object: what the speaker argued for
    (
        "defending-an-object",
        "Governor Lena Park is defending her decision to close the bridge.",
        [("indirect", "her decision to close the bridge", "Lena Park", "defending")],
        True,
    ),
    (
        "defended-an-object-as",
        "Mayor Tomas Ruiz defended the budget as the only honest plan.",
        [("indirect", "the budget as the only honest plan", "Tomas Ruiz", "defended as")],
        True,
    ),
    # a phrasal verb's particle is part of its cue
    (
        "called-out-someone-for",
        "Senator Ines Duarte called out the mayor for the delays at the port.",
        [("indirect", "the mayor for the delays at the port", "Ines Duarte", "called out for")],
        True,
    ),
    (
        "lashed-out-at",
        "Mayor Tomas Ruiz lashed out at the unions on Monday.",
        [("indirect", "the unions on Monday", "Tomas Ruiz", "lashed out at")],
        True,
    ),
    # verbs of manner, rebuke and correction
    (
        "exclaimed-inverted",
        '"Look at the water!" exclaimed Rosa Mendes, a fisherwoman.',
        [("direct", "Look at the water!", "Rosa Mendes", "exclaimed")],
        True,
    ),
    (
        "assailed-an-object",
        "Senator Kofi Mensah assailed the governor's road budget.",
        [("indirect", "the governor's road budget", "Kofi Mensah", "assailed")],
        True,
    ),
    (
        "chided-someone-for",
        "Mayor Ines Duarte chided the council for the delays.",
        [("indirect", "the council for the delays", "Ines Duarte", "chided for")],
        True,
    ),
    (
        "clarified-that",
        "The minister later clarified that the tax would apply only to imports.",
        [("indirect", "that the tax would apply only to imports", "minister", "clarified")],
        True,
    ),
    (
        "mused-about",
        "Governor Tomas Ruiz mused about running for the Senate.",
        [("indirect", "running for the Senate", "Tomas Ruiz", "mused about")],
        True,
    ),
    # a gerund clause is the object of a verb that reports objects
    (
        "reported-a-gerund",
        "The union reported spending $2 million on television ads.",
        [("indirect", "spending $2 million on television ads", "union", "reported")],
        True,
    ),
    (
        "admitted-a-gerund",
        "Councillor Ana Ruiz admitted using the city car for trips home.",
        [("indirect", "using the city car for trips home", "Ana Ruiz", "admitted")],
        True,
    ),
    (
        "proposes-a-gerund",
        "Governor Kofi Mensah proposes doing away with the fuel tax.",
        [("indirect", "doing away with the fuel tax", "Kofi Mensah", "proposes")],
        True,
    ),
    (
        "gerund-of-manner-is-no-content",
        '"We will see," Mayor Ana Ruiz said, smiling.',
        [("direct", "We will see", "Ana Ruiz", "said")],
        True,
    ),
    # verbs of forecasting, posting, thanking and vowing report their object too
    (
        "predicted-an-object",
        "Senator Kofi Mensah predicted a narrow win in the north.",
        [("indirect", "a narrow win in the north", "Kofi Mensah", "predicted")],
        True,
    ),
    (
        "tweeted-an-object",
        "The mayor tweeted her thanks to the rescue crews.",
        [("indirect", "her thanks to the rescue crews", "mayor", "tweeted")],
        True,
    ),
    (
        "thanked-an-object",
        "Governor Ana Ruiz thanked the volunteers at the shelter.",
        [("indirect", "the volunteers at the shelter", "Ana Ruiz", "thanked")],
        True,
    ),
    (
        "vowed-an-object",
        "The rebels vowed revenge for the raid.",
        [("indirect", "revenge for the raid", "rebels", "vowed")],
        True,
    ),
    (
        "would-not-answer-questions-is-no-statement",
        "His lawyer said he would not answer questions about the loans.",
        [("indirect", "he would not answer questions about the loans", "His lawyer", "said")],
        True,
    ),
    # an order is a declaration: its clause is what was ordered
    (
        "ordered-that",
        "A federal judge, Amina Bello, ordered that the ballots be counted again.",
        [("indirect", "that the ballots be counted again", "Amina Bello", "ordered")],
        True,
    ),
    (
        "gerund-without-saying-nobody",
        "It goes without saying that the bridge must be repaired before winter.",
        [],
        True,
    ),
    (
        "direct-told-agency",
        '"The airport will reopen on Friday," the spokesman, Li Wei, told AFP.',
        [("direct", "The airport will reopen on Friday", "Li Wei", "told")],
        True,
    ),
    (
        "direct-statement-colon",
        'In a statement, the foreign ministry said: "These strikes violate international law."',
        [("direct", "These strikes violate international law.", "foreign ministry", "said")],
        True,
    ),
    (
        "direct-then-adding",
        '"We are not afraid," said Ahmed Saleh, adding that the protests would continue.',
        [
            ("direct", "We are not afraid", "Ahmed Saleh", "said"),
            ("indirect", "that the protests would continue", "Ahmed Saleh", "adding"),
        ],
        True,
    ),
    # split around the cue
    (
        "split-around-cue",
        '"We have lost everything," said Amina Diallo. "Our house, our animals, our fields."',
        [("direct", "We have lost everything … Our house, our animals, our fields.", "Amina Diallo", "said")],
        True,
    ),
    (
        "split-pronoun",
        (
            'Jonas Weber is the head of the rescue team. "The bridge collapsed at night," he said. '
            '"Nobody could cross."'
        ),
        [("direct", "The bridge collapsed at night … Nobody could cross.", "Jonas Weber", "said")],
        False,
    ),
    (
        "split-two-speakers",
        '"The talks failed," said Omar Haddad. "They did not," replied Lena Fischer.',
        [
            ("direct", "The talks failed", "Omar Haddad", "said"),
            ("direct", "They did not", "Lena Fischer", "replied"),
        ],
        True,
    ),
    # one statement interrupted by its attribution: one row of two segments
    (
        "interrupted-said-new-sentence",
        '"The rate is low," said Kwame Mensah. "We expect it to rise."',
        [("direct", "The rate is low \u2026 We expect it to rise.", "Kwame Mensah", "said")],
        True,
    ),
    (
        "interrupted-mid-sentence",
        '"The dam is safe," the engineer Olga Petrenko told reporters, "and the town can stay."',
        [("direct", "The dam is safe \u2026 and the town can stay.", "Olga Petrenko", "told")],
        True,
    ),
    (
        "two-statements-of-one-speaker",
        '"The rate is low," the bank added; and later, "Nobody expected the fall."',
        [
            ("direct", "The rate is low", "bank", "added"),
            ("direct", "Nobody expected the fall.", "bank", "added"),
        ],
        True,
    ),
    (
        "interrupted-reported-clause",
        "The reform, Priya Nair said, would take two years.",
        [("indirect", "The reform \u2026 would take two years", "Priya Nair", "said")],
        True,
    ),
    # quoted words inside reported speech belong to it
    (
        "mixed-governed",
        'Senator Paul Grant said the new law was "a betrayal of every worker in this state".',
        [("indirect", 'the new law was "a betrayal of every worker in this state"', "Paul Grant", "said")],
        True,
    ),
    (
        "mixed-told-that",
        'The senator, Rosa Delgado, told reporters that the plan was "dead on arrival."',
        [("indirect", 'that the plan was "dead on arrival."', "Rosa Delgado", "told")],
        True,
    ),
    (
        "mixed-fragment-after-verb",
        'Ravi Shankar said officials should release the footage "without delay."',
        [("indirect", 'officials should release the footage "without delay."', "Ravi Shankar", "said")],
        True,
    ),
    (
        "borrowed-words-are-no-statement",
        'Observers saw a "brazen breach" of the ceasefire terms.',
        [("scare", "brazen breach", None, None)],
        True,
    ),
    # a direct row ends at its closing mark
    (
        "ends-at-closing-mark",
        '"We will not back down," Li Na tweeted on Sunday.',
        [("direct", "We will not back down", "Li Na", "tweeted")],
        True,
    ),
    (
        "two-apostrophes-as-marks",
        "''We will not back down,'' Li Na tweeted on Sunday. ''The vote is ours.''",
        [("direct", "We will not back down \u2026 The vote is ours.", "Li Na", "tweeted")],
        True,
    ),
    # titles of shows, books and slogans are not statements
    (
        "title-of-show",
        'Aisha Bello said on Channel 4\'s "Face the Nation" that the talks would resume in March.',
        [
            ("scare", "Face the Nation", None, None),
            ("indirect", "the talks would resume in March", "Aisha Bello", "said"),
        ],
        True,
    ),
    (
        "title-of-book",
        'Her memoir "Roads Home" sold a million copies.',
        [("scare", "Roads Home", None, None)],
        True,
    ),
    (
        "title-with-full-stop",
        'The director makes this clear in her new documentary "Thirteen Rivers."',
        [("scare", "Thirteen Rivers.", None, None)],
        True,
    ),
    # attribution verbs beyond say, a dash before the name, headlines
    (
        "verb-acknowledged",
        "The minister acknowledged that the census had undercounted rural villages.",
        [("indirect", "that the census had undercounted rural villages", "minister", "acknowledged")],
        True,
    ),
    (
        "verb-tweeted",
        "Tomas Herrera tweeted that the vote had been rigged.",
        [("indirect", "that the vote had been rigged", "Tomas Herrera", "tweeted")],
        True,
    ),
    (
        "verb-mocked",
        "Mei Chen mocked the proposal as a gift to landlords.",
        [("indirect", "the proposal as a gift to landlords", "Mei Chen", "mocked as")],
        True,
    ),
    (
        "verb-insisted",
        "The mayor, Jorge Ruiz, insisted that the bridge would open on time.",
        [("indirect", "that the bridge would open on time", "Jorge Ruiz", "insisted")],
        True,
    ),
    (
        "verb-urged",
        "Diplomats urged both parties to return to the table.",
        [("indirect", "both parties to return to the table", "Diplomats", "urged")],
        True,
    ),
    (
        "verb-conceded",
        "Yusuf Demir conceded that the rollout had been slow.",
        [("indirect", "that the rollout had been slow", "Yusuf Demir", "conceded")],
        True,
    ),
    (
        "passive-participle-is-no-cue",
        "The candidates took questions from farmers invited to join the forum.",
        [],
        True,
    ),
    (
        "dash-before-name",
        '"Every vote counts, and mine will be counted." \u2014 Luc\u00eda Fern\u00e1ndez',
        [("direct", "Every vote counts, and mine will be counted.", "Luc\u00eda Fern\u00e1ndez", "\u2014")],
        True,
    ),
    # an attribution set between commas inside its clause: the clause goes on after it
    (
        "interposed-cue-and-clause",
        "The first group paid 9 percent, the agency said in a report, and the second group paid 2 percent.",
        [
            (
                "indirect",
                "The first group paid 9 percent \u2026 and the second group paid 2 percent",
                "agency",
                "said",
            )
        ],
        True,
    ),
    (
        "interposed-cue-subordinate-first",
        "Though the talks were slow, Mayor Lena Sorensen said, a deal on the port is near.",
        [
            (
                "indirect",
                "Though the talks were slow \u2026 a deal on the port is near",
                "Lena Sorensen",
                "said",
            )
        ],
        True,
    ),
    (
        "interposed-cue-before-quotation",
        'Instead of answering, Senator Rui Costa said, "We will see in March."',
        [("direct", "We will see in March.", "Rui Costa", "said")],
        True,
    ),
    (
        "interposed-cue-in-relative-clause",
        "Dana Levy hired ten new clerks, all of whom, she explained, needed training first.",
        [("indirect", "needed training first", "Dana Levy", "explained")],
        True,
    ),
    # a paragraph that opens with a closing mark is opened by it (a typesetter's slip); a
    # closing mark inside a paragraph still closes nothing it cannot
    (
        "reversed-opening-mark-dash",
        "Readers sent their answers.\n\n\u201dThe bridge matters more than the stadium.\u201d \u2015 Ines Duarte",
        [("direct", "The bridge matters more than the stadium.", "Ines Duarte", "\u2015")],
        True,
    ),
    (
        "reversed-opening-mark-said",
        "\u201dWe have waited ten years for this road,\u201d said Omar Haddad, a farmer.",
        [("direct", "We have waited ten years for this road", "Omar Haddad", "said")],
        True,
    ),
    (
        "transcript-label",
        '"OKAFOR: We will win this state by a wide margin," the transcript shows.',
        [("direct", "We will win this state by a wide margin", "OKAFOR", ":")],
        True,
    ),
    (
        "headline-verb",
        "Governor Warns Budget Cuts Would Close Schools\n\nThe governor of the state spoke on Monday.",
        [("indirect", "Budget Cuts Would Close Schools", "Governor", "Warns")],
        True,
    ),
    # a title-case verb of an object or a preposition's phrase, taken for a name; a phrase may
    # open the headline before the speaker; a verb whose entry allows neither gives nothing
    (
        "headline-verb-object",
        "Senator Ana Ruiz Slams Budget Plan On Schools\n\nThe senator spoke on Monday.",
        [("indirect", "Budget Plan On Schools", "Ana Ruiz", "Slams")],
        True,
    ),
    (
        "headline-verb-after-opening-phrase",
        "Railing Against Cuts, Mayor Ines Duarte Vows To Reopen Every Clinic\n\nShe spoke on Monday.",
        [("indirect", "To Reopen Every Clinic", "Ines Duarte", "Vows")],
        True,
    ),
    (
        "headline-verb-without-its-content",
        "Senator Ana Ruiz Hails Budget Plan On Schools\n\nThe senator spoke on Monday.",
        [],
        True,
    ),
    (
        "headline-colon",
        "Okonjo-Iweala: Reforms Will Continue Next Year\n\nThe minister spoke in Abuja on Monday.",
        [("indirect", "Reforms Will Continue Next Year", "Okonjo-Iweala", ":")],
        True,
    ),
    # a headline's speaker the model leaves unlabelled: a proper name before words with a verb
    (
        "headline-colon-unlabelled-name",
        "Okafor: Flood defences will not hold this winter\n\nThe river rose on Monday.",
        [("indirect", "Flood defences will not hold this winter", "Okafor", ":")],
        True,
    ),
    (
        "headline-colon-no-verb-no-speaker",
        "Analysis: Three Lessons From the Harvest\n\nThe rains came early this year.",
        [],
        True,
    ),
    # a verb of asking reports its 'if' or 'whether' question, however the parser hangs it
    (
        "asked-object-if",
        "Mayor Ana Ruiz asked the workers if they planned to vote in May.",
        [("indirect", "if they planned to vote in May", "Ana Ruiz", "asked")],
        True,
    ),
    (
        "said-if-is-no-question",
        "The levee will hold if the rain stops, Mayor Ana Ruiz said.",
        [("indirect", "The levee will hold if the rain stops", "Ana Ruiz", "said")],
        True,
    ),
    # a noun of saying: its possessor says its 'that' clause (not a relative clause) or, for a
    # noun of promising, its infinitive
    (
        "noun-cue-claim-that",
        "Reporters checked Mayor Ana Ruiz's claim that the bridge had been inspected twice.",
        [("indirect", "that the bridge had been inspected twice", "Ana Ruiz", "claim")],
        True,
    ),
    (
        "noun-cue-promise-to",
        "Voters remembered Governor Tomas Berg's promise to open three new clinics.",
        [("indirect", "to open three new clinics", "Tomas Berg", "promise")],
        True,
    ),
    (
        "noun-cue-relative-clause",
        "The claim that the council made last year was withdrawn.",
        [],
        True,
    ),
    (
        "noun-cue-without-speaker",
        "The warning that the river would flood reached the village too late.",
        [],
        True,
    ),
    # a headline's label that is a source's noun: its words are the source's
    # a headline's speaker with its audience or occasion before the colon, or a source noun
    # closing the name in lower case
    (
        "headline-colon-audience",
        "Mayor Ruiz to unions: strikes will not win more funds\n\nThe mayor spoke on Monday.",
        [("indirect", "strikes will not win more funds", "Ruiz", ":")],
        True,
    ),
    (
        "headline-colon-occasion",
        "Senator Adeyemi at rally: we will fix the roads\n\nThe rally was held in Kano.",
        [("indirect", "we will fix the roads", "Adeyemi", ":")],
        True,
    ),
    (
        "headline-colon-lower-source-noun",
        "Union camp: talks with the ministry have stalled\n\nThe talks began in May.",
        [("indirect", "talks with the ministry have stalled", "Union camp", ":")],
        True,
    ),
    # a title-case headline's words after a person's label, whose verb the parser takes for a
    # cue of its own ('Audit ... Reveal'): the person said them all
    (
        "headline-colon-person-over-misparse",
        "Grace Mensah: Audit Helped Reveal Missing Council Funds\n\nThe audit was published in May.",
        [("indirect", "Audit Helped Reveal Missing Council Funds", "Grace Mensah", ":")],
        True,
    ),
    # a colon label's name after a presentative, or before its occasion
    (
        "colon-label-presentative-occasion",
        "Here\u2019s Peter Amadi on the radio: \u201cThe dam is safe.\u201d",
        [("direct", "The dam is safe.", "Peter Amadi", ":")],
        True,
    ),
    # a verbless phrase after an interposed attribution finishes the clause before it; one
    # that tells how the words were said does not
    (
        "interposed-torn-off-by-phrase",
        "The new clinic will be paid for, Dr. Amara Nwosu said, by a grant from the province.",
        [
            (
                "indirect",
                "The new clinic will be paid for \u2026 by a grant from the province",
                "Amara Nwosu",
                "said",
            )
        ],
        True,
    ),
    (
        "interposed-medium-phrase-stays-out",
        "The plant will close, the company said, in a statement on Monday.",
        [("indirect", "The plant will close", "company", "said")],
        True,
    ),
    # a participle the parser reads as a preposition continues the clause, as a phrase does;
    # one of the cue's own acts stays out ('said, citing ...')
    (
        "interposed-including-continues",
        "The files covered many topics, the Gazette said, including budgets, hiring and travel.",
        [
            (
                "indirect",
                "The files covered many topics \u2026 including budgets, hiring and travel",
                "Gazette",
                "said",
            )
        ],
        True,
    ),
    # an interposed attribution the parser hung on the clause's subject, or made the complement
    # of the clause it interrupts; a later cue with a subject of its own is no such clause
    (
        "interposed-cue-on-subject-noun",
        "The difference now, Mr. Tom Berg told me on Friday, is that he runs a news program.",
        [("indirect", "The difference now \u2026 is that he runs a news program", "Tom Berg", "told")],
        True,
    ),
    (
        "interposed-cue-parsed-as-complement",
        "These workers, Mr. Stumpf explained earlier in the hearing, were well paid.",
        [("indirect", "These workers \u2026 were well paid", "Stumpf", "explained")],
        True,
    ),
    (
        "interposed-cue-before-later-cue-stays",
        "In Lagos, Ana Ruiz has maintained her lead among young voters, the survey found.",
        [],
        True,
    ),
    # a cue inside the relative clause it reports: the relative word and the clause after the cue
    (
        "relative-clause-reported-which",
        "The governor vetoed the shelter bill, which Dr. Ana Ruiz said was unfair to families.",
        [("indirect", "which \u2026 was unfair to families", "Ana Ruiz", "said")],
        True,
    ),
    (
        "relative-clause-reported-that",
        "The board passed a rule that Tom Okafor says will slow every appeal.",
        [("indirect", "that \u2026 will slow every appeal", "Tom Okafor", "says")],
        True,
    ),
    (
        "relative-clause-reported-what",
        "Clubs are adapting to what Mayor Ines Duarte said is a growing demand for pools.",
        [("indirect", "what \u2026 is a growing demand for pools", "Ines Duarte", "said")],
        True,
    ),
    (
        "relative-clause-plain-speaker-stays",
        "Mayor Lena Sorensen, who said the plan was sound, will vote for it.",
        [("indirect", "the plan was sound", "Lena Sorensen", "said")],
        True,
    ),
    (
        "headline-colon-source-noun",
        "Survey: Farmers Expect a Smaller Harvest\n\nThe survey was taken in May.",
        [("indirect", "Farmers Expect a Smaller Harvest", "Survey", ":")],
        True,
    ),
    (
        "headline-colon-source-noun-no-verb",
        "Experts: The Year of the Flood\n\nThe river rose in May.",
        [],
        True,
    ),
    (
        "headline-colon-other-noun",
        "Harvest Season: Farmers Expect a Smaller Crop\n\nThe rains came early this year.",
        [],
        True,
    ),
    # a transcript: a paragraph opened by its speaker's label and a colon
    (
        "transcript-label-capitals",
        "The interview was broadcast on Sunday.\n\nHOST: Will the port reopen this year?\n\n"
        "NDIAYE: We expect the first ships in March.",
        [
            ("direct", "Will the port reopen this year?", "HOST", ":"),
            ("direct", "We expect the first ships in March", "NDIAYE", ":"),
        ],
        True,
    ),
    (
        "transcript-label-title-case-person",
        "The port of Accra will reopen, said its director, Maria Santos.\n\nMaria Santos: We expect the first ships in March.",
        [
            ("indirect", "The port of Accra will reopen", "Maria Santos", "said"),
            ("direct", "We expect the first ships in March", "Maria Santos", ":"),
        ],
        True,
    ),
    (
        "transcript-label-heading-is-no-speaker",
        "The port reopened.\n\nUPDATE: The first ships arrived in March.\n\nCorrection: An earlier "
        "version misstated the date.",
        [],
        True,
    ),
    (
        "transcript-label-without-a-verb",
        "The results by candidate.\n\nAminata Ndiaye: 1,204.\n\nKwame Boateng: 987.",
        [],
        True,
    ),
    # a closing 'according to X' the parser hung on no verb reports the sentence before its comma
    (
        "according-to-closing-a-misparsed-sentence",
        "The Farmers Union, which backed the bill, spent at least $300,000 on radio ads in the "
        "spring, according to the Open Budget Center.",
        [
            (
                "indirect",
                "The Farmers Union, which backed the bill, spent at least $300,000 on radio ads in the spring",
                "Open Budget Center",
                "according to",
            )
        ],
        True,
    ),
    # 'reported' with an object: what a source declared
    (
        "reported-object",
        "The health ministry of Malawi reported 40 new cholera cases in Blantyre on Sunday.",
        [("indirect", "40 new cholera cases in Blantyre on Sunday", "health ministry of Malawi", "reported")],
        True,
    ),
    # a cue in an 'as' clause reports the clause it hangs on
    (
        "as-clause-before",
        "As Kofi Mensah told the radio station, the dam was never inspected.",
        [("indirect", "the dam was never inspected", "Kofi Mensah", "told")],
        True,
    ),
    (
        "as-clause-inside",
        "The dam, as Kofi Mensah pointed out, was never inspected.",
        [("indirect", "The dam \u2026 was never inspected", "Kofi Mensah", "pointed")],
        True,
    ),
    (
        "as-clause-after",
        "The bridge at Tamale was closed in May, as the regional council reported.",
        [("indirect", "The bridge at Tamale was closed in May", "regional council", "reported")],
        True,
    ),
    (
        "as-clause-not-a-cue",
        "As the floods receded, the farmers of Sylhet returned to their fields.",
        [],
        True,
    ),
    # speakers
    (
        "title-and-surname-is-the-full-name",
        "Governor Tomasz K. Nowak visited the port on Friday. Mr. Nowak said the harbour would be dredged.",
        [("indirect", "the harbour would be dredged", "Tomasz K. Nowak", "said")],
        True,
    ),
    (
        "pronoun-skips-the-other-gender",
        "Ingrid Solberg met Mr. Karimi in Oslo. She said the deal was close.",
        [("indirect", "the deal was close", "Ingrid Solberg", "said")],
        True,
    ),
    (
        "pronoun-nearest-compatible",
        "Hamid Karzai met Mrs. Tanaka in Tokyo, where she spoke for an hour. She said the talks had gone well.",
        [("indirect", "the talks had gone well", "Tanaka", "said")],
        False,
    ),
    (
        "collective-noun-is-the-organisation",
        "The Rivera administration announced new tariffs on Monday. The administration said they would "
        "take effect in May.",
        [("indirect", "they would take effect in May", "Rivera administration", "said")],
        False,
    ),
    # spanning sentences and paragraphs
    (
        "multi-sentence",
        (
            '"The fighting started at noon. By evening the market was gone. Nobody was left," '
            "said Karim Nasser."
        ),
        [
            (
                "direct",
                "The fighting started at noon. By evening the market was gone. Nobody was left",
                "Karim Nasser",
                "said",
            )
        ],
        True,
    ),
    (
        "multi-paragraph",
        (
            'Ruth Mensah, a nurse at the clinic, said: "We treated forty people in one night.\n\n'
            '"Most of them were children."'
        ),
        [
            (
                "direct",
                "We treated forty people in one night. \u2026 Most of them were children.",
                "Ruth Mensah",
                "said",
            )
        ],
        True,
    ),
    (
        "continuing-paragraph",
        '"The road is closed," said Ivan Petrov.\n\n"We will reopen it when the snow stops."',
        [
            ("direct", "The road is closed", "Ivan Petrov", "said"),
            ("direct", "We will reopen it when the snow stops.", "Ivan Petrov", "said"),
        ],
        True,
    ),
    # pronouns
    (
        "pronoun-she",
        "Sofia Lindqvist arrived in the camp on Friday. She said the tents were flooded.",
        [("indirect", "the tents were flooded", "Sofia Lindqvist", "said")],
        True,
    ),
    (
        "pronoun-it",
        "The World Food Programme delivered flour to the city. It said more convoys would follow.",
        [("indirect", "more convoys would follow", "World Food Programme", "said")],
        True,
    ),
    (
        "pronoun-they",
        "Amnesty International interviewed survivors. They said the shelling lasted two days.",
        [("indirect", "the shelling lasted two days", "Amnesty International", "said")],
        False,
    ),
    # appositions and titles
    (
        "apposition-title",
        "Maria Keller, UNHCR Representative in Chad, has called for more funding for the camps.",
        [("indirect", "more funding for the camps", "Maria Keller", "called for")],
        True,
    ),
    (
        "apposition-after-title",
        "Kenya's Interior Minister, David Otieno, said the border would remain open.",
        [("indirect", "the border would remain open", "David Otieno", "said")],
        True,
    ),
    (
        "title-before-name",
        "Brigadier General Samuel Adeyemi said the convoy was attacked near the river.",
        [("indirect", "the convoy was attacked near the river", "Samuel Adeyemi", "said")],
        True,
    ),
    (
        "relative-clause-speaker",
        "Laura Chen, who leads the medical team, said that two patients died overnight.",
        [("indirect", "that two patients died overnight", "Laura Chen", "said")],
        True,
    ),
    # reported speech
    (
        "said-that",
        "The health ministry said that 40 people had been taken to hospital.",
        [("indirect", "that 40 people had been taken to hospital", "health ministry", "said")],
        True,
    ),
    (
        "said-no-that",
        "Local police said the fire started in a warehouse.",
        [("indirect", "the fire started in a warehouse", "Local police", "said")],
        True,
    ),
    (
        "said-inverted-clause",
        "The ceasefire will hold until Sunday, army officials said.",
        [("indirect", "The ceasefire will hold until Sunday", "army officials", "said")],
        True,
    ),
    (
        "according-to-start",
        "According to the Red Crescent, more than 300 families fled the district overnight.",
        [("indirect", "more than 300 families fled the district overnight", "Red Crescent", "according to")],
        True,
    ),
    (
        "according-to-end",
        "Twelve fishermen are still missing, according to the coast guard.",
        [("indirect", "Twelve fishermen are still missing", "coast guard", "according to")],
        True,
    ),
    (
        "according-to-end-every-clause",
        "Rice prices rose 12 percent, wheat fell 3 percent and maize held steady in Nairobi, "
        "according to the Kenya National Bureau of Statistics.",
        [
            (
                "indirect",
                "Rice prices rose 12 percent, wheat fell 3 percent and maize held steady in Nairobi",
                "Kenya National Bureau of Statistics",
                "according to",
            )
        ],
        True,
    ),
    (
        "told-reporters",
        "Prime Minister Elena Varga told reporters the budget would be cut.",
        [("indirect", "the budget would be cut", "Elena Varga", "told")],
        True,
    ),
    (
        "told-reporters-that",
        "The governor told reporters on Monday that the dam had not been breached.",
        [("indirect", "that the dam had not been breached", "governor", "told")],
        True,
    ),
    (
        "warned-of",
        "Aid agencies have warned of a cholera outbreak in the flooded districts.",
        [("indirect", "a cholera outbreak in the flooded districts", "Aid agencies", "warned of")],
        True,
    ),
    (
        "warned-that",
        "UNICEF warned that thousands of children could miss school this year.",
        [("indirect", "that thousands of children could miss school this year", "UNICEF", "warned")],
        True,
    ),
    (
        "called-for",
        "Human Rights Watch called for an independent inquiry into the killings.",
        [("indirect", "an independent inquiry into the killings", "Human Rights Watch", "called for")],
        True,
    ),
    (
        "called-on-to",
        "The council called on both sides to respect the truce.",
        [("indirect", "both sides to respect the truce", "council", "called on")],
        True,
    ),
    (
        "urged-to",
        "Diplomats urged the rebels to release the hostages.",
        [("indirect", "the rebels to release the hostages", "Diplomats", "urged")],
        True,
    ),
    (
        "acknowledged",
        "Police officials acknowledged that several protesters had been beaten.",
        [("indirect", "that several protesters had been beaten", "Police officials", "acknowledged")],
        True,
    ),
    (
        "accused-of",
        "The opposition accused the government of rigging the vote.",
        [("indirect", "the government of rigging the vote", "opposition", "accused of")],
        True,
    ),
    (
        "denied-object",
        "The army denied the allegations.",
        [("indirect", "the allegations", "army", "denied")],
        True,
    ),
    (
        "denied-that",
        "The company denied that its trucks had carried weapons.",
        [("indirect", "that its trucks had carried weapons", "company", "denied")],
        True,
    ),
    (
        "vague-source",
        "Witnesses said the gunmen wore police uniforms.",
        [("indirect", "the gunmen wore police uniforms", "Witnesses", "said")],
        True,
    ),
    (
        "vowed-to",
        "The rebels vowed to retake the town within a week.",
        [("indirect", "to retake the town within a week", "rebels", "vowed")],
        True,
    ),
    (
        "two-reports-one-sentence",
        "The mayor said the water was safe, but doctors warned of a rise in infections.",
        [
            ("indirect", "the water was safe", "mayor", "said"),
            ("indirect", "a rise in infections", "doctors", "warned of"),
        ],
        True,
    ),
    (
        "participle-cue",
        "The bishop sent a letter calling for calm in the region.",
        [("indirect", "calm in the region", "bishop", "calling for")],
        True,
    ),
    # scare quotes
    (
        "scare-quote",
        'The district has become a "no-go zone" for aid workers.',
        [("scare", "no-go zone", None, None)],
        True,
    ),
    (
        "scare-inside-headline",
        "Floods leave 'lost generation' in northern villages",
        [("scare", "lost generation", None, None)],
        True,
    ),
    (
        "scare-curly",
        "Officials have cleared the so-called \u201cred zone\u201d of mines.",
        [("scare", "red zone", None, None)],
        True,
    ),
    # a short sentence in quotation marks that nobody is reported as saying: a slogan, a chant
    (
        "scare-short-sentence-unattributed",
        "Protesters in Lusaka marched past the court. \u201cEnough is enough!\u201d Police closed the road at noon.",
        [("scare", "Enough is enough!", None, None)],
        True,
    ),
    (
        "scare-question-unattributed",
        "Fuel prices rose again in Quito this week. \u2018Who pays?\u2019 The answer is the commuters.",
        [("scare", "Who pays?", None, None)],
        True,
    ),
    # a longer unattributed passage stays a statement (its speaker may be named paragraphs away)
    (
        "direct-long-unattributed",
        '"We have waited three years for the new bridge and nobody in the capital listens to us."',
        [
            (
                "direct",
                "We have waited three years for the new bridge and nobody in the capital listens to us.",
                None,
                None,
            )
        ],
        True,
    ),
    # a paragraph ending in a colon introduces the quotation that opens the next one
    (
        "colon-paragraph-before-quote",
        'The hearing in Nairobi ran late. Senator Wanjiru Kamau continued:\n\n"We will not vote for a budget that closes clinics."',
        [("direct", "We will not vote for a budget that closes clinics.", "Wanjiru Kamau", "continued")],
        True,
    ),
    (
        "colon-paragraph-noun-cue",
        'In March, Mayor Hiroshi Tanaka made the following statement:\n\n"The port will reopen once the inspectors are satisfied."',
        [("direct", "The port will reopen once the inspectors are satisfied.", "Hiroshi Tanaka", ":")],
        False,
    ),
    # a time after the verb is never the speaker, whatever the parser hangs on it
    (
        "speaker-before-time",
        "\u201cWe will find who did this,\u201d Police chief Tendai Moyo said Monday in Harare.",
        [("direct", "We will find who did this", "Tendai Moyo", "said")],
        True,
    ),
    (
        "speaker-before-time-morning",
        '"The talks are over," Farida Haidari, the party\'s negotiator, said Thursday morning on national radio.',
        [("direct", "The talks are over", "Farida Haidari", "said")],
        True,
    ),
    # no quotes
    ("no-quote-plain", "The river burst its banks on Sunday, flooding dozens of homes.", [], True),
    (
        "no-quote-apostrophes",
        "The soldiers' families waited outside the governor's office since the '90s.",
        [],
        True,
    ),
    ("no-quote-passive-hearsay", "The leader is said to be hiding in the mountains.", [], True),
    ("no-quote-call-name", "They called the dog Rex.", [], True),
    ("no-quote-call-phone", "She called him on Tuesday.", [], True),
    # the one asked is not the asker: the question put is a row of an asker the text does not
    # name, or of the passive's agent; a request ('was asked to ...') is no question
    (
        "asked-participle-no-speaker",
        "Asked whether the dam would hold, the engineer Maria Oyelaran nodded.",
        [("indirect", "whether the dam would hold", None, "Asked")],
        True,
    ),
    (
        "asked-passive-about",
        "In an interview, Maria Oyelaran was asked about the new dam.",
        [("indirect", "the new dam", None, "asked about")],
        True,
    ),
    (
        "asked-passive-agent-speaks",
        "Tom Berg was asked by host Lena Sorensen whether his aim had changed.",
        [("indirect", "whether his aim had changed", "Lena Sorensen", "asked")],
        True,
    ),
    ("no-quote-asked-to", "Tom Berg was asked to resign in May.", [], True),
    # a source phrase after the reported clause is an attribution of its own, not its words
    (
        "reported-clause-ends-before-according-to",
        "Tom Berg told the mayor that the plan had failed, according to press reports.",
        [("indirect", "that the plan had failed", "Tom Berg", "told")],
        False,
    ),
    # a one-word answer the parser reads as an interjection
    (
        "said-no-answer",
        "Asked if he would run again, Mayor Tom Berg said no.",
        [("indirect", "if he would run again", None, "Asked"), ("indirect", "no", "Tom Berg", "said")],
        True,
    ),
    # the small model parses some reported clauses as an object or a bare verb phrase
    (
        "said-clause-misparsed",
        "The minister Kofi Asante said families of the missing miners deserve answers.",
        [("indirect", "families of the missing miners deserve answers", "Kofi Asante", "said")],
        True,
    ),
    (
        "continue-is-no-report",
        'Civilians continue to be used as "human shields" by the militants.',
        [("scare", "human shields", None, None)],
        True,
    ),
    ("no-quote-pledged-aid", "Ministers pledged aid to the flood victims.", [], True),
    ("no-quote-attack", "Rebels attacked the base at dawn.", [], True),
    ("no-quote-invited", "The mayor invited Ines Carvalho to open the fair.", [], True),
    # a quotation running on over paragraphs: no closing mark, the next paragraph opens with one
    (
        "quote-runs-over-paragraphs",
        'The engineer Sipho Ndlovu said: "The dam held through the night.\n\n'
        '"We will inspect every wall again tomorrow."\n\nThe river fell by noon.',
        [
            (
                "direct",
                "The dam held through the night. \u2026 We will inspect every wall again tomorrow.",
                "Sipho Ndlovu",
                "said",
            )
        ],
        True,
    ),
    # one statement however long the attribution between its passages
    (
        "interrupted-long-attribution",
        '"The clinic is full," said Dr. Amara Nwosu, who has run the hospital in the eastern district '
        'of the city since the floods forced its move to the hills two years ago. "We send people home '
        'every night."',
        [("direct", "The clinic is full \u2026 We send people home every night.", "Amara Nwosu", "said")],
        True,
    ),
    (
        "interrupted-continued",
        'Leila Haddad runs the shelter. "We have no beds left," she said. "Families sleep in the '
        'corridor," she continued.',
        [
            ("direct", "We have no beds left", "Leila Haddad", "said"),
            ("direct", "Families sleep in the corridor", "Leila Haddad", "continued"),
        ],
        True,
    ),
    # the person a recording shows speaks, not the recording
    (
        "speaker-footage-of",
        'The new ad uses footage of Grace Mugabe asking, "Why are we still waiting?"',
        [("direct", "Why are we still waiting?", "Grace Mugabe", "asking")],
        True,
    ),
    (
        "speaker-clip-of",
        'The spot ends with a clip of Senator Omar Haddad saying, "We will not back down."',
        [("direct", "We will not back down.", "Omar Haddad", "saying")],
        True,
    ),
    # a pronoun stands for the subject of the sentence before, not the name written last
    (
        "pronoun-previous-subject",
        "Mayor Ravi Kumar met the envoy Tomas Berg on Monday. He said the talks had gone well.",
        [("indirect", "the talks had gone well", "Ravi Kumar", "said")],
        True,
    ),
    # what a verb of naming says its object is; a question asked; a phrase pointed to
    (
        "called-object-complement",
        "Senator Amara Obi called the new tax plan a disaster for farmers.",
        [("indirect", "the new tax plan a disaster for farmers", "Amara Obi", "called")],
        True,
    ),
    (
        "called-quoted-complement",
        'The union called the offer "an insult to every nurse."',
        [("indirect", 'the offer "an insult to every nurse."', "union", "called")],
        True,
    ),
    (
        "asked-whether",
        "The reporter Lin Feng asked whether the border would reopen before winter.",
        [("indirect", "whether the border would reopen before winter", "Lin Feng", "asked")],
        True,
    ),
    (
        "pointed-to",
        "Governor Carlos Mendes pointed to the new bridge as proof that the plan worked.",
        [("indirect", "the new bridge as proof that the plan worked", "Carlos Mendes", "pointed to")],
        True,
    ),
    # one statement whatever its attribution holds: an 'and' in the speaker's description, a
    # show's title, a second cue that hangs on the first, one cue before two paragraphs
    (
        "interrupted-description-with-and",
        '"Exports fell by a third," said Wanjiru Kamau, president and chief executive of the Kenya '
        'Tea Board. "Still, prices are holding."',
        [("direct", "Exports fell by a third \u2026 Still, prices are holding.", "Wanjiru Kamau", "said")],
        False,
    ),
    (
        "interrupted-title-of-show",
        '"The budget is a mess," Minister Kofi Mensah said on "Morning Report." "Nobody has read it."',
        [
            ("direct", "The budget is a mess \u2026 Nobody has read it.", "Kofi Mensah", "said"),
            ("scare", "Morning Report.", None, None),
        ],
        True,
    ),
    (
        # a passage with a cue of its own is a statement of its own, even when the cue hangs on
        # the first one's
        "interrupted-second-cue-is-a-second-statement",
        '"We cannot go back," Mayor Elena Petrova said, recalling the flood: "The water came up to '
        'the windows."',
        [
            ("direct", "We cannot go back", "Elena Petrova", "said"),
            ("direct", "The water came up to the windows.", "Elena Petrova", "recalling"),
        ],
        True,
    ),
    (
        "interrupted-adding-is-a-second-statement",
        '"The harbour is safe," Captain Joao Ferreira said, adding: "The storm has passed."',
        [
            ("direct", "The harbour is safe", "Joao Ferreira", "said"),
            ("direct", "The storm has passed.", "Joao Ferreira", "adding"),
        ],
        True,
    ),
    (
        "one-cue-before-two-paragraphs",
        'Governor Rahul Mehta said in a statement: "We will reopen the schools on Monday."\n\n'
        '"The roads into the valley are clear and the buses will run."',
        [
            (
                "direct",
                "We will reopen the schools on Monday. \u2026 The roads into the valley are clear and "
                "the buses will run.",
                "Rahul Mehta",
                "said",
            )
        ],
        True,
    ),
    (
        "cue-after-first-paragraph-only",
        '"We will reopen the schools on Monday," Governor Rahul Mehta said.\n\n'
        '"The roads into the valley are clear and the buses will run."',
        [
            ("direct", "We will reopen the schools on Monday", "Rahul Mehta", "said"),
            ("direct", "The roads into the valley are clear and the buses will run.", "Rahul Mehta", "said"),
        ],
        True,
    ),
    (
        "interrupted-relative-clause-with-and",
        '"Prices will fall," said Amina Yusuf, 56, who was raised in Kano and runs a bakery in '
        'Abuja. "People are tired of waiting."',
        [("direct", "Prices will fall \u2026 People are tired of waiting.", "Amina Yusuf", "said")],
        True,
    ),
    (
        "second-statement-after-but",
        '"Prices will fall," Amina Yusuf said in May, but in June she told the council, "Nobody '
        'knows what comes next."',
        [
            ("direct", "Prices will fall", "Amina Yusuf", "said"),
            ("direct", "Nobody knows what comes next.", "Amina Yusuf", "told"),
        ],
        True,
    ),
    # a cue that ends its sentence reports all of the sentence before its comma
    (
        "trailing-cue-two-clauses",
        "In nearby Tema, the cement plant is hanging on, but it is under intense pressure from "
        "imports, said the company's chief executive, Kwame Boateng.",
        [
            (
                "indirect",
                "In nearby Tema, the cement plant is hanging on, but it is under intense pressure "
                "from imports",
                "Kwame Boateng",
                "said",
            )
        ],
        True,
    ),
    (
        "trailing-cue-over-a-told-clause",
        "The minister had told officials that she did not want the escort, but the police "
        "overruled that request, the source added.",
        [
            (
                "indirect",
                "The minister had told officials that she did not want the escort, but the police "
                "overruled that request",
                "source",
                "added",
            ),
            ("indirect", "that she did not want the escort", "minister", "told"),
        ],
        True,
    ),
    (
        "trailing-cue-after-a-phrase-only",
        'In a speech in Dakar, Mayor Aminata Fall declared: "The port will stay open."',
        [("direct", "The port will stay open.", "Aminata Fall", "declared")],
        True,
    ),
    # a colon introduces the quotation: after a name, after a clause whose subject speaks
    (
        "colon-after-name",
        'Senator Lucia Ferreira of Brazil: "We will not sign."',
        [("direct", "We will not sign.", "Lucia Ferreira", ":")],
        True,
    ),
    (
        "colon-after-speaker-clause",
        'Governor Amina Bello then turned to the crowd: "Here is what I regret."',
        [("direct", "Here is what I regret.", "Amina Bello", ":")],
        True,
    ),
    (
        "colon-after-thing",
        'The sign on the door of the clinic in Gulu: "Closed until further notice."',
        [("scare", "Closed until further notice.", None, None)],
        False,
    ),
    # the quoted words are never their own speaker, however the parser reads them
    (
        "inverted-subject-after-short-quote",
        '"Meh," wrote a supporter of the mayor who runs a page for the city\'s cyclists.',
        [
            (
                "direct",
                "Meh",
                "supporter of the mayor who runs a page for the city's cyclists",
                "wrote",
            )
        ],
        True,
    ),
    (
        "second-statement-after-semicolon",
        '"Taxes will rise," Senator Ivan Horvat said; and later he warned, "The deficit is growing."',
        [
            ("direct", "Taxes will rise", "Ivan Horvat", "said"),
            ("direct", "The deficit is growing.", "Ivan Horvat", "warned"),
        ],
        True,
    ),
    # markup left in the text: a tag's name is no cue, its attributes' marks pair with nothing
    (
        "markup-tag-is-no-cue",
        '<tweet id="4417" author="@harbourwatch" date="2021-03-02">Ferry service resumes at noon.</tweet>',
        [],
        True,
    ),
    (
        "markup-tag-beside-a-statement",
        '<post user="cityhall" time="09:00"></post>\n\n"We will reopen the bridge," Mayor Ana Ruiz said.',
        [("direct", "We will reopen the bridge", "Ana Ruiz", "said")],
        True,
    ),
    # a digest citing another paper's story: its title credited to the author, then its text
    (
        "credited-title-and-its-text",
        'HARBOUR NEWS\u2014"Ferry fares on the island route to rise in May," by the Herald\'s Jo Lin: '
        '"Passengers on the island route will pay more from the first of May, the operator said."',
        [
            ("scare", "Ferry fares on the island route to rise in May", None, None),
            (
                "scare",
                "Passengers on the island route will pay more from the first of May, the operator said.",
                None,
                None,
            ),
        ],
        True,
    ),
    (
        "credited-title-beside-a-statement",
        '"Ferry fares on the island route to rise in May," by the Herald\'s Jo Lin.\n\n"We will keep '
        'fares low," Mayor Ana Ruiz said.',
        [
            ("scare", "Ferry fares on the island route to rise in May", None, None),
            ("direct", "We will keep fares low", "Ana Ruiz", "said"),
        ],
        True,
    ),
    # a source phrase keeps its clause when a reporting verb lies deeper in it, not under it
    (
        "source-phrase-beside-a-deeper-verb",
        "According to the harbour authority, the crews finished the repairs overnight, and Mayor "
        "Ana Ruiz urged passengers to return on Monday.",
        [
            (
                "indirect",
                "the crews finished the repairs overnight, and Mayor Ana Ruiz urged passengers to return on Monday",
                "harbour authority",
                "according to",
            ),
            ("indirect", "passengers to return on Monday", "Ana Ruiz", "urged"),
        ],
        True,
    ),
    (
        "source-phrase-under-the-verb-keeps-the-verb",
        "According to the harbour authority, Mayor Ana Ruiz believes that the ferry will run on Monday.",
        [("indirect", "that the ferry will run on Monday", "Ana Ruiz", "believes")],
        True,
    ),
    # a source's label in a title-case headline whose verb the parser tags as a name
    (
        "headline-source-label-title-case",
        "Poll: Island Voters Abandon Mayor Over Ferry Fares\n\nThe ferry runs twice a day.",
        [("indirect", "Island Voters Abandon Mayor Over Ferry Fares", "Poll", ":")],
        True,
    ),
    (
        "headline-label-not-a-source",
        "Photos: The Island Ferry Through The Years\n\nThe ferry runs twice a day.",
        [],
        True,
    ),
    # a title-case passage naming the noun after it is part of a noun phrase
    (
        "title-case-passage-before-its-noun",
        'The "Clean Harbour" campaign continues to grow, Mayor Ana Ruiz said.',
        [
            ("indirect", 'The "Clean Harbour" campaign continues to grow', "Ana Ruiz", "said"),
            ("scare", "Clean Harbour", None, None),
        ],
        True,
    ),
    (
        "title-case-passage-before-its-speaker",
        '"Clean Harbour Now," Mayor Ana Ruiz said.',
        [("direct", "Clean Harbour Now", "Ana Ruiz", "said")],
        True,
    ),
    # quoted words after a verb's object, their full stop inside the marks: the verb's content
    (
        "object-and-quoted-complement-with-full-stop",
        "Later Mayor Ana Ruiz called him \u201ca third-rate planner.\u201d",
        [("indirect", "him \u201ca third-rate planner.\u201d", "Ana Ruiz", "called")],
        True,
    ),
    (
        "object-and-quoted-complement-straight-marks",
        'Mayor Ana Ruiz called the council "the leading obstacle to building new homes in the city."',
        [
            (
                "indirect",
                'the council "the leading obstacle to building new homes in the city."',
                "Ana Ruiz",
                "called",
            )
        ],
        True,
    ),
    # round 11: a verb of stating coordinated after the reported clause, in the cue's own form
    # and with no subject of its own, is the speaker's next statement: the content ends before it
    (
        "next-statement-and-called",
        "The mayor said the tax was unfair and called it a burden on families.",
        [
            ("indirect", "the tax was unfair", "mayor", "said"),
            ("indirect", "it a burden on families", "mayor", "called"),
        ],
        True,
    ),
    (
        "next-statement-but-warns",
        "The minister says the ferry will resume on Friday, but warns travellers to expect delays.",
        [
            ("indirect", "the ferry will resume on Friday", "minister", "says"),
            ("indirect", "travellers to expect delays", "minister", "warns"),
        ],
        True,
    ),
    (
        "next-statement-comma-and-urged",
        "The council said the bridge would close for a month, and urged drivers to use the ring road.",
        [
            ("indirect", "the bridge would close for a month", "council", "said"),
            ("indirect", "drivers to use the ring road", "council", "urged"),
        ],
        True,
    ),
    (
        "next-statement-praised-after-name",
        "Ana Ruiz said the school would reopen in May and praised the volunteers who rebuilt it.",
        [
            ("indirect", "the school would reopen in May", "Ana Ruiz", "said"),
            ("indirect", "the volunteers who rebuilt it", "Ana Ruiz", "praised"),
        ],
        True,
    ),
    # ... but a verb of thinking, another form, or a named subject of the clause keeps it
    (
        "coordinated-thinking-stays",
        "The coach said she was tired and hoped to rest.",
        [("indirect", "she was tired and hoped to rest", "coach", "said")],
        True,
    ),
    (
        "coordinated-infinitive-stays",
        "The union urged its members to vote and pledge their support.",
        [("indirect", "its members to vote and pledge their support", "union", "urged")],
        True,
    ),
    (
        "coordinated-named-subject-stays",
        "The witness said Tom Okafor walked in and said hello to everyone.",
        [("indirect", "Tom Okafor walked in and said hello to everyone", "witness", "said")],
        False,
    ),
    # round 12: a relative clause set off by a comma on a person's name that closes the content
    # is the writer's aside, not the speaker's words: the content ends before its comma
    (
        "name-aside-who-cut",
        "The senator said the report was written by Maria Lindqvist, who led the agency until 2019.",
        [("indirect", "the report was written by Maria Lindqvist", "senator", "said")],
        False,
    ),
    (
        "name-aside-who-object-cut",
        "The governor praised the courage of Daniel Mbeki, who spent ten years in prison.",
        [("indirect", "the courage of Daniel Mbeki", "governor", "praised")],
        False,
    ),
    # ... but not when the name is the content's own phrase, or the clause quotes words
    (
        "name-aside-own-phrase-stays",
        "The governor praised Daniel Mbeki, who spent ten years in prison.",
        [("indirect", "Daniel Mbeki, who spent ten years in prison", "governor", "praised")],
        False,
    ),
    (
        "name-aside-quoting-stays",
        'The senator said the report was written by Maria Lindqvist, who called it "a disgrace" in May.',
        [
            (
                "indirect",
                'the report was written by Maria Lindqvist, who called it "a disgrace" in May',
                "senator",
                "said",
            )
        ],
        False,
    ),
    # round 12: a clause of the cue's own opened by a mark of time, with its own subject, tells
    # when the words were said: the content ends before it ...
    (
        "occasion-while-cut",
        "The mayor praised the new bridge while the workers cheered outside the hall.",
        [("indirect", "the new bridge", "mayor", "praised")],
        False,
    ),
    (
        "occasion-before-cut",
        "The chief defended the officers before the inquiry began.",
        [("indirect", "the officers", "chief", "defended")],
        False,
    ),
    # ... but a clause inside the reported clause stays
    (
        "occasion-inside-content-stays",
        "The mayor said the bridge would close when the river floods.",
        [("indirect", "the bridge would close when the river floods", "mayor", "said")],
        False,
    ),
    ("empty", "", [], True),
]


def _norm(text: str) -> str:
    return text.strip().rstrip(".")


def _matches(row: dict, kind: str, text: str, speaker: str | None, cue: str | None) -> bool:
    return (
        row["kind"] == kind
        and _norm(row["words"]) == _norm(text)
        and row["speaker"] == speaker
        and row["cue"] == cue
    )


@pytest.mark.parametrize("passage,expected,exact", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_quote_rows(extract, passage, expected, exact):
    rows = extract(passage)["quotes"] if passage else []
    for kind, text, speaker, cue in expected:
        assert any(_matches(r, kind, text, speaker, cue) for r in rows), (
            f"no row {kind, text, speaker, cue} in {[(r['kind'], r['text'], r['speaker'], r['cue']) for r in rows]}"
        )
    if exact:
        assert len(rows) == len(expected), [(r["kind"], r["text"]) for r in rows]


def test_offsets_and_keys(extract):
    text = (
        'Save the Children said on Monday that 300 children were missing. "We are searching '
        'every street," its director Anna Moreau said.'
    )
    rows = extract(text)["quotes"]
    assert rows
    for row in rows:
        assert text[row["start"] : row["end"]] == row["text"]
        assert {"text", "start", "end", "kind", "speaker", "speaker_actor_id", "cue", "sentence"} <= set(row)


def test_speaker_links_to_actor(extract):
    tables = extract(
        "The International Committee of the Red Cross said that the hospital was running out of fuel."
    )
    quote = tables["quotes"][0]
    actor_ids = {a["actor_id"] for a in tables["actors"]}
    assert quote["speaker_actor_id"] in actor_ids
    names = {a["name"] for a in tables["actors"] if a["actor_id"] == quote["speaker_actor_id"]}
    assert quote["speaker"] in names


def test_unbalanced_mark_stays_in_its_paragraph():
    text = 'He said: "We will stay here\n\nThe next paragraph has no quote at all.'
    quoted = find_quoted(text)
    assert len(quoted) == 1
    assert text[quoted[0].start : quoted[0].end] == "We will stay here"


@pytest.mark.parametrize(
    "text,passages",
    [
        # three apostrophes after a word: a single quotation ends, then the double one
        ("''He told us, 'We will win,''' she said.", ["He told us, 'We will win,'"]),
        ("''They chanted, 'No more tolls.''' Then they left.", ["They chanted, 'No more tolls.'"]),
        # before a word they open the double quotation, then a single one
        ("She said, '''Sir, the road is closed,'' and left.", ["'Sir, the road is closed"]),
        ("''We will,'' he said.", ["We will"]),
    ],
)
def test_three_apostrophes_pair_with_two(text, passages):
    assert [text[q.start : q.end] for q in find_quoted(text)] == passages


def test_nested_quotes_give_the_outer_passage():
    text = "\u201cThey shouted \u2018run\u2019 and we ran,\u201d she said."
    quoted = find_quoted(text)
    assert [text[q.start : q.end] for q in quoted] == ["They shouted \u2018run\u2019 and we ran"]


_TRICKY = st.sampled_from(
    [*list("\"'“”‘’«»,.:;\n "), "said", "he", "according to", "warned of", "X", "é", "😀"]
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.one_of(_TRICKY, st.text(max_size=6)), max_size=40))
def test_never_crashes(parse, pieces):
    text = " ".join(pieces)
    doc = parse(text)
    for row in extract_quotes(doc):
        assert 0 <= row["start"] < row["end"] <= len(text)
        assert text[row["start"] : row["end"]] == row["text"]
        assert row["kind"] in ("direct", "indirect", "scare")


def test_segments_trace_the_words(extract):
    text = (
        '"The clinic has no fuel," said Dr. Amara Nwosu. "We are treating patients by torchlight."\n\n'
        "The road north, the governor Ana Lima said, would reopen on Friday."
    )
    rows = extract(text)["quotes"]
    assert rows
    for row in rows:
        spans = [tuple(int(x) for x in item.split("-")) for item in row["segments"].split("; ")]
        assert spans[0][0] == row["start"] and spans[-1][1] == row["end"]
        assert all(s < e for s, e in spans) and spans == sorted(spans)
        assert row["words"] == " \u2026 ".join(text[s:e] for s, e in spans)
    assert sorted(len(r["segments"].split("; ")) for r in rows) == [2, 2]


def test_honorific_never_names_the_other_spouse(extract):
    rows = extract(
        "Bill Okafor and his wife, Grace Okafor, run the clinic in Enugu. "
        "Mrs. Okafor said the clinic would close in May."
    )["quotes"]
    assert [r["speaker"] for r in rows] == ["Grace Okafor"]


def test_one_reporting_verb_list():
    from newsfacts.extract.figure_context import context_lexicon
    from newsfacts.extract.quote_lexicon import lexicon
    from newsfacts.extract.reporting import reporting_verbs

    verbs = reporting_verbs()
    assert {"say", "tweet", "acknowledge", "mock", "insist", "urge", "concede"} <= set(lexicon().verbs)
    assert {"say", "count"} <= verbs.claimant and "mock" not in verbs.claimant
    assert "count" not in lexicon().verbs  # a verb only figures read marks no statement
    assert context_lexicon().attribution == set(verbs.claimant)  # what figures read


# (id, passage, the row's words, speaker (whom it means), speaker_mention (as the article writes it))
MENTION_CASES = [
    (
        "title-and-surname",
        "Senator Kwame Mensah visited the port on Monday. Mr. Mensah said the new cranes would "
        "double its trade.",
        "the new cranes would double its trade",
        "Kwame Mensah",
        "Mr. Mensah",
    ),
    (
        "pronoun",
        'Ingrid Solberg chairs the fisheries board. "We will not cut the quotas," she said.',
        "We will not cut the quotas",
        "Ingrid Solberg",
        "she",
    ),
    (
        "title-kept-in-mention",
        '"The dam is safe," Gov. Rafael Ortiz told reporters.',
        "The dam is safe",
        "Rafael Ortiz",
        "Gov. Rafael Ortiz",
    ),
    (
        "description-as-written",
        "A spokeswoman for the ministry said talks with the union would resume on Monday.",
        "talks with the union would resume on Monday",
        "spokeswoman for the ministry",
        "A spokeswoman for the ministry",
    ),
    (
        "dash-without-full-stop",
        'Teachers marched in the capital on Friday. "Every child deserves a school." \u2014 Amina Diallo.',
        "Every child deserves a school.",
        "Amina Diallo",
        "Amina Diallo",
    ),
    (
        "continued-quote-keeps-mention",
        '"The river rose in the night," Ms. Tanaka said.\n\n"By dawn the lower town was under '
        'water and the school roof had fallen in."',
        "By dawn the lower town was under water and the school roof had fallen in.",
        "Tanaka",
        "Ms. Tanaka",
    ),
]


@pytest.mark.parametrize(
    "passage,words,speaker,mention", [c[1:] for c in MENTION_CASES], ids=[c[0] for c in MENTION_CASES]
)
def test_speaker_as_written(extract, passage, words, speaker, mention):
    rows = extract(passage)["quotes"]
    row = next((r for r in rows if _norm(r["words"]) == _norm(words)), None)
    assert row is not None, [(r["words"], r["speaker"]) for r in rows]
    assert (row["speaker"], row["speaker_mention"]) == (speaker, mention)


def test_no_mention_without_a_speaker(extract):
    rows = extract('Critics called the plan a "fig leaf" for the cuts.')["quotes"]
    assert all(r["speaker_mention"] is None for r in rows if r["speaker"] is None)


@pytest.mark.parametrize(
    "passage",
    [
        "The death toll rose to 40, according to \x1b.",  # an escape where the source's name would be
        'Officials said "the road is closed," according to \x07\x07.',
    ],
)
def test_a_speaker_made_of_control_characters_is_no_speaker(extract, passage):
    """Found by the property test (test_reliability): names never hold control characters, and a
    speaker with nothing else is none."""
    for row in extract(passage)["quotes"]:
        for column in ("speaker", "speaker_mention"):
            assert row[column] is None or row[column].isprintable(), row
