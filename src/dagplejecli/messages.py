"""Every user-facing text, in Danish and English.

``UI`` holds the command line's texts (errors, headings, next steps); ``FINDING_TEXTS`` holds each
finding code's title, message, hint, explanation and example. Parameters are filled with
``str.format``; a full CPR number is never a parameter (callers pass ``mask_cpr(...)``).
"""

from __future__ import annotations

from dataclasses import dataclass

from dagplejecli.i18n import pick

Text = tuple[str, str]  # (Danish, English)


@dataclass(frozen=True, slots=True)
class FindingText:
    title: Text
    message: Text
    hint: Text
    why: Text
    example: Text


def _ft(title: Text, message: Text, hint: Text, why: Text, example: Text) -> FindingText:
    return FindingText(title, message, hint, why, example)


FINDING_TEXTS: dict[str, FindingText] = {
    # ------------------------------------------------------------------ configuration
    "DP001": _ft(
        ("Ukendt kommunekode", "Unknown municipality code"),
        (
            "Kommunekoden {kode} er ikke en af de 98 danske kommuner.",
            "Municipality code {kode} is not one of the 98 Danish municipalities.",
        ),
        (
            "Skriv kommunens 3-cifrede kode i [kommune] kode, fx kode = 751 for Aarhus.",
            "Put the municipality's 3-digit code in [kommune] kode, e.g. kode = 751 for Aarhus.",
        ),
        (
            "DTR's admKommuneKode skal være en officiel kommunekode; ellers afvises indberetningen.",
            "DTR's admKommuneKode must be an official municipality code or the record is refused.",
        ),
        ("[kommune]\nkode = 751", "[kommune]\nkode = 751"),
    ),
    "DP002": _ft(
        ("Ugyldigt CVR-nummer", "Invalid CVR number"),
        (
            "Kommunens CVR-nummer {cvr} er ikke gyldigt ({reason}).",
            "The municipality's CVR number {cvr} is not valid ({reason}).",
        ),
        (
            "Ret [kommune] cvr, eller slet linjen, så bruges CVR-nummeret fra den indbyggede liste.",
            "Correct [kommune] cvr, or remove the line to use the CVR number from the built-in list.",
        ),
        (
            "Et CVR-nummer har 8 cifre og består modulus 11-kontrollen. Områdernes P-numre skal "
            "ligge under kommunens CVR-nummer.",
            "A CVR number has 8 digits and passes the modulus 11 check. The areas' P-numbers must "
            "belong to the municipality's CVR number.",
        ),
        ('[kommune]\ncvr = "55133018"', '[kommune]\ncvr = "55133018"'),
    ),
    "DP003": _ft(
        ("CVR-nummer passer ikke til kommunen", "CVR number does not match the municipality"),
        (
            "CVR-nummeret {cvr} er ikke {kommune}s CVR-nummer ifølge den indbyggede liste ({expected}).",
            "CVR number {cvr} is not {kommune}'s CVR number according to the built-in list ({expected}).",
        ),
        (
            "Tjek [kommune] cvr og kode. Er du sikker på dit CVR-nummer, kan du se bort fra advarslen.",
            "Check [kommune] cvr and kode. If you are sure of your CVR number, ignore this warning.",
        ),
        (
            "Områderne oprettes med P-numre under kommunens CVR-nummer; et forkert CVR-nummer giver "
            "forkerte P-numre.",
            "Areas are created with P-numbers under the municipality's CVR number; a wrong CVR "
            "number leads to wrong P-numbers.",
        ),
        ("[kommune]\nkode = 751\n# cvr udeladt: hentes fra listen", "[kommune]\nkode = 751"),
    ),
    "DP004": _ft(
        ("Ejerform er ikke Kommunal", "Ownership form is not Kommunal"),
        (
            "[dtr] ejerform er {value}; kommunal dagpleje har ejerform 1 (Kommunal).",
            "[dtr] ejerform is {value}; municipal dagpleje has ownership form 1 (Kommunal).",
        ),
        (
            "Sæt ejerform = 1 i [dtr], medmindre DTR-leverandøren siger andet.",
            "Set ejerform = 1 in [dtr], unless your DTR vendor says otherwise.",
        ),
        (
            "ejerformKode er obligatorisk i DTR, og DTR krydstjekker ejerform, lovgrundlag og "
            "institutionstype (1 = Kommunal, 2 = Selvejende, 3 = Privat ifølge DTR's eksportdata).",
            "ejerformKode is mandatory in DTR, which cross-checks ownership, legal basis and "
            "institution type (1 = Kommunal, 2 = Selvejende, 3 = Privat per DTR's export data).",
        ),
        ("[dtr]\nejerform = 1", "[dtr]\nejerform = 1"),
    ),
    "DP005": _ft(
        ("Lovgrundlag mangler", "Legal basis missing"),
        (
            "[dtr] lovgrundlag er ikke sat (lovgrundlagKode er obligatorisk i DTR).",
            "[dtr] lovgrundlag is not set (lovgrundlagKode is mandatory in DTR).",
        ),
        (
            "Spørg kommunens DTR-leverandør om koden for kommunal dagpleje (Dagtilbudsloven § 21, "
            "stk. 2) og skriv den i [dtr] lovgrundlag = <kode>.",
            "Ask the municipality's DTR vendor for the code for municipal dagpleje (Dagtilbudsloven "
            "§ 21(2)) and write it as [dtr] lovgrundlag = <code>.",
        ),
        (
            "DTR kræver lovgrundlagKode, og kodelisten er ikke offentlig; værktøjet gætter ikke.",
            "DTR requires lovgrundlagKode and the code list is not public; the tool does not guess.",
        ),
        ("[dtr]\nlovgrundlag = 12   # kode fra leverandøren", "[dtr]\nlovgrundlag = 12"),
    ),
    "DP006": _ft(
        ("Usædvanlig institutionstype", "Unusual institution type"),
        (
            "[dtr] insttype er {value}; dagpleje er 6013, og 6010-6012 er daginstitutioner.",
            "[dtr] insttype is {value}; dagpleje is 6013 and 6010-6012 are day-care institutions.",
        ),
        (
            "Sæt insttype = 6013 (dagpleje) i [dtr], eller den kode leverandøren oplyser.",
            "Set insttype = 6013 (dagpleje) in [dtr], or the code your vendor gives.",
        ),
        (
            "InstType3 er obligatorisk for en Anvisningsenhed. 6013 = dagpleje ifølge to uafhængige "
            "kilder, ikke bekræftet af STIL; derfor kun en advarsel.",
            "InstType3 is mandatory for an Anvisningsenhed. 6013 = dagpleje according to two "
            "independent sources, not confirmed by STIL; hence only a warning.",
        ),
        ("[dtr]\ninsttype = 6013", "[dtr]\ninsttype = 6013"),
    ),
    "DP007": _ft(
        ("Pladsholder ikke udfyldt", "Placeholder not filled in"),
        (
            "{key} indeholder stadig pladsholderen «{value}».",
            "{key} still holds the placeholder «{value}».",
        ),
        (
            "Udfyld {key} i {file} linje {line} med kommunens rigtige værdi.",
            "Fill in {key} in {file} line {line} with the municipality's real value.",
        ),
        (
            "dagpleje init skriver pladsholdere for det, kun kommunen ved; de skal udfyldes før "
            "noget indberettes.",
            "dagpleje init writes placeholders for what only the municipality knows; they must be "
            "filled in before anything is submitted.",
        ),
        ('pnummer = "1029829825"', 'pnummer = "1029829825"'),
    ),
    "DP008": _ft(
        ("Ugyldigt skoleår", "Invalid school year"),
        (
            "[unilogin] skoleaar «{value}» skal have formen ÅÅÅÅ-ÅÅÅÅ med to år i træk.",
            "[unilogin] skoleaar «{value}» must look like YYYY-YYYY with consecutive years.",
        ),
        (
            'Skriv fx skoleaar = "2026-2027", eller slet linjen, så beregnes det ud fra datoen.',
            'Write e.g. skoleaar = "2026-2027", or remove the line to derive it from the date.',
        ),
        (
            "schoolYear er obligatorisk i Unilogin-importen, også for dagtilbud.",
            "schoolYear is mandatory in the Unilogin import, day care included.",
        ),
        ('[unilogin]\nskoleaar = "2026-2027"', '[unilogin]\nskoleaar = "2026-2027"'),
    ),
    "DP009": _ft(
        ("Ukendt Unilogin-rolle", "Unknown Unilogin role"),
        (
            "[unilogin] rolle «{value}» er ikke en Unilogin-medarbejderrolle.",
            "[unilogin] rolle «{value}» is not a Unilogin employee role.",
        ),
        (
            "Brug en af: {allowed}. Der findes ingen rolle «Dagplejer»; Pædagog er standard.",
            "Use one of: {allowed}. There is no «Dagplejer» role; Pædagog is the default.",
        ),
        (
            "Unilogin afviser medarbejdere med en rolle uden for sin kodeliste.",
            "Unilogin refuses employees with a role outside its code list.",
        ),
        ('[unilogin]\nrolle = "Pædagog"', '[unilogin]\nrolle = "Pædagog"'),
    ),
    "DP010": _ft(
        ("CVR-kontrol sprunget over", "CVR check skipped"),
        (
            "P-numrenes tilhørsforhold og adresser er IKKE kontrolleret mod CVR: [dtr] cvr_udtraek er "
            "ikke sat.",
            "The P-numbers' owner and addresses were NOT checked against CVR: [dtr] cvr_udtraek is "
            "not set.",
        ),
        (
            "Hent kommunens P-enheder fra CVR (regneark eller CSV) og sæt "
            '[dtr] cvr_udtraek = "p-enheder.xlsx".',
            "Download the municipality's production units from CVR (spreadsheet or CSV) and set "
            '[dtr] cvr_udtraek = "p-enheder.xlsx".',
        ),
        (
            "DTR kontrollerer ikke, at P-nummeret hører til kommunens CVR, eller at adressen passer; "
            "STIL registrerer ikke data, der afviger fra CVR.",
            "DTR does not check that the P-number belongs to the municipality's CVR or that the "
            "address matches; STIL will not register data that differs from CVR.",
        ),
        ('[dtr]\ncvr_udtraek = "p-enheder.xlsx"', '[dtr]\ncvr_udtraek = "p-enheder.xlsx"'),
    ),
    # ------------------------------------------------------------------ areas
    "DP101": _ft(
        ("Ingen områder", "No areas"),
        ("Konfigurationen har ingen områder.", "The configuration has no areas."),
        (
            "Tilføj mindst ét [[omraade]] med navn, eller en [opdeling] med kolonne.",
            "Add at least one [[omraade]] with a navn, or an [opdeling] with a kolonne.",
        ),
        (
            "STIL: der skal mindst være ét område for dagplejere pr. kommune.",
            "STIL: every municipality needs at least one area for its dagplejere.",
        ),
        (
            '[[omraade]]\nnavn = "Dagplejen"\nresten = true',
            '[[omraade]]\nnavn = "Dagplejen"\nresten = true',
        ),
    ),
    "DP102": _ft(
        ("Daginstitution mangler", "Daginstitution missing"),
        (
            "«{area}» har ingen daginstitution (heller ikke i [standard]).",
            "«{area}» has no daginstitution (none in [standard] either).",
        ),
        (
            'Sæt daginstitution = "Dagplejen …" i [standard] eller i områdets tabel.',
            'Set daginstitution = "Dagplejen …" in [standard] or in the area\'s table.',
        ),
        (
            "Områderne oprettes først på Daginstitutionsniveau og derefter som Anvisningsenheder.",
            "Areas are created at Daginstitution level first, then as Anvisningsenheder.",
        ),
        (
            '[standard]\ndaginstitution = "Dagplejen Aarhus"',
            '[standard]\ndaginstitution = "Dagplejen Aarhus"',
        ),
    ),
    "DP103": _ft(
        ("P-nummer mangler eller er ugyldigt", "P-number missing or invalid"),
        (
            "«{area}» har {problem}.",
            "«{area}» has {problem}.",
        ),
        (
            "Et P-nummer har 10 cifre. Find det i CVR under kommunens CVR-nummer og skriv det som "
            'tekst: pnummer = "1029829825".',
            "A P-number has 10 digits. Look it up in CVR under the municipality's CVR number and "
            'write it as text: pnummer = "1029829825".',
        ),
        (
            "Hvert område oprettes med et P-nummer under kommunens CVR-nummer; uden gyldigt P-nummer "
            "kan området ikke have Unilogin-brugere.",
            "Each area is created with a P-number under the municipality's CVR number; without a "
            "valid P-number it cannot carry Unilogin users.",
        ),
        ('pnummer = "1029829825"', 'pnummer = "1029829825"'),
    ),
    "DP104": _ft(
        ("P-nummerets kontrolciffer passer ikke", "P-number check digit fails"),
        (
            "P-nummeret {pnummer} for «{area}» består ikke kontrolciffer-tjekket.",
            "P-number {pnummer} of «{area}» fails the check-digit test.",
        ),
        (
            "Sammenlign med CVR; ofte er to cifre byttet om. Reglen er ikke bekræftet af "
            "myndigheden, derfor kun en advarsel.",
            "Compare with CVR; often two digits are swapped. The rule is not confirmed by the "
            "authority, hence only a warning.",
        ),
        (
            "P-numre har et kontrolciffer (vægte 1,5,6,7,3,6,4,8,9,1 / 4,3,2,7,6,5,4,3,2,1, modulus "
            "11). Et forkert P-nummer afvises af DTR, der kræver et aktivt P-nummer.",
            "P-numbers carry a check digit (weights 1,5,6,7,3,6,4,8,9,1 / 4,3,2,7,6,5,4,3,2,1, "
            "modulus 11). DTR refuses a P-number that is not active.",
        ),
        ('pnummer = "1029829825"', 'pnummer = "1029829825"'),
    ),
    "DP105": _ft(
        ("Adresse mangler eller er ufuldstændig", "Address missing or incomplete"),
        ("«{area}»: {problem}.", "«{area}»: {problem}."),
        (
            'Skriv adressen som én linje, fx adresse = "Rådhuspladsen 2, 8000 Aarhus C", eller som '
            "tabel med vejnavn, husnr, postnr og by.",
            'Write the address on one line, e.g. adresse = "Rådhuspladsen 2, 8000 Aarhus C", or as a '
            "table with vejnavn, husnr, postnr and by.",
        ),
        (
            "En Anvisningsenhed skal have en adresse (vejnavn, husnummer 1-999 evt. med bogstav, "
            "postnummer, by); DTR tjekker den mod Danmarks Adresseregister.",
            "An Anvisningsenhed must have an address (street, house number 1-999 with optional "
            "letter, postcode, town); DTR checks it against the national address register.",
        ),
        (
            'adresse = "Rådhuspladsen 2, 8000 Aarhus C"',
            'adresse = "Rådhuspladsen 2, 8000 Aarhus C"',
        ),
    ),
    "DP106": _ft(
        ("Navn for langt", "Name too long"),
        (
            "{what} «{value}» er {length} tegn; DTR tillader højst 132.",
            "{what} «{value}» is {length} characters; DTR allows at most 132.",
        ),
        ("Forkort navnet.", "Shorten the name."),
        (
            "daginstitutionsNavn og EnhedsNavn er tekst på højst 132 tegn i DTR.",
            "daginstitutionsNavn and EnhedsNavn are text of at most 132 characters in DTR.",
        ),
        ('navn = "Dagplejen Nord"', 'navn = "Dagplejen Nord"'),
    ),
    "DP107": _ft(
        ("Ugyldig e-mail", "Invalid e-mail"),
        (
            "E-mailadressen for «{area}» er ugyldig eller længere end 132 tegn.",
            "The e-mail address of «{area}» is invalid or longer than 132 characters.",
        ),
        ('Skriv fx email = "dagplejen@kommune.dk".', 'Write e.g. email = "dagplejen@kommune.dk".'),
        (
            "Email er tekst på højst 132 tegn i DTR.",
            "Email is text of at most 132 characters in DTR.",
        ),
        ('email = "dagplejen@aarhus.dk"', 'email = "dagplejen@aarhus.dk"'),
    ),
    "DP108": _ft(
        ("Ugyldigt telefonnummer", "Invalid phone number"),
        (
            "Telefonnummeret for «{area}» er længere end 20 tegn eller indeholder andet end cifre, "
            "mellemrum og +.",
            "The phone number of «{area}» is longer than 20 characters or holds more than digits, "
            "spaces and +.",
        ),
        ('Skriv fx telefon = "89402000".', 'Write e.g. telefon = "89402000".'),
        (
            "TelefonNummer er tekst på højst 20 tegn i DTR.",
            "TelefonNummer is text of at most 20 characters in DTR.",
        ),
        ('telefon = "89402000"', 'telefon = "89402000"'),
    ),
    "DP109": _ft(
        ("Områdenavn bruges flere gange", "Area name used more than once"),
        (
            "Områdenavnet «{area}» bruges af {count} områder.",
            "The area name «{area}» is used by {count} areas.",
        ),
        ("Giv hvert område sit eget navn.", "Give each area a name of its own."),
        (
            "DTR fanger ikke dubletter; to enheder med samme navn forvirrer Aula og brugerne.",
            "DTR does not catch duplicates; two units with one name confuse Aula and its users.",
        ),
        ('navn = "Dagplejen Nord"  /  navn = "Dagplejen Syd"', 'navn = "Dagplejen Nord"'),
    ),
    "DP110": _ft(
        ("Områdenavne næsten ens", "Area names nearly identical"),
        (
            "Områdenavnene {names} er ens, når der ses bort fra store/små bogstaver og mellemrum.",
            "The area names {names} are equal when case and spaces are ignored.",
        ),
        ("Giv områderne tydeligt forskellige navne.", "Give the areas clearly different names."),
        (
            "DTR fanger ikke dubletter; næsten ens navne er næsten altid en tastefejl.",
            "DTR does not catch duplicates; nearly equal names are nearly always a typo.",
        ),
        ('navn = "Dagplejen Nord"', 'navn = "Dagplejen Nord"'),
    ),
    "DP111": _ft(
        ("Område uden dagplejere", "Area without dagplejere"),
        ("Området «{area}» får ingen dagplejere.", "Area «{area}» gets no dagplejere."),
        (
            "Tjek områdets hvor-regel (stavning af kolonne og værdier), eller fjern området.",
            "Check the area's hvor rule (spelling of column and values), or remove the area.",
        ),
        (
            "Et tomt område er ofte en regel, der aldrig rammer; i DTR bliver det en tom enhed.",
            "An empty area is often a rule that never matches; in DTR it becomes an empty unit.",
        ),
        ('hvor = { Distrikt = ["Nord"] }', 'hvor = { Distrikt = ["Nord"] }'),
    ),
    "DP112": _ft(
        ("Ugyldigt institutionsnummer", "Invalid institution number"),
        (
            "Institutionsnummeret «{value}» for «{area}» skal være 6 bogstaver/cifre.",
            "Institution number «{value}» of «{area}» must be 6 letters/digits.",
        ),
        (
            'Kopiér EnhedsNummer fra DTR, fx institutionsnummer = "G12345".',
            'Copy the EnhedsNummer from DTR, e.g. institutionsnummer = "G12345".',
        ),
        (
            "Unilogin-brugere knyttes til Anvisningsenhedens 6-tegns nummer, som DTR udsteder.",
            "Unilogin users attach to the Anvisningsenhed's 6-character number issued by DTR.",
        ),
        ('institutionsnummer = "G12345"', 'institutionsnummer = "G12345"'),
    ),
    "DP113": _ft(
        ("Institutionsnummer bruges flere gange", "Institution number used more than once"),
        (
            "Institutionsnummeret {value} er givet til flere områder: {areas}.",
            "Institution number {value} is given to several areas: {areas}.",
        ),
        (
            "Hvert område har sit eget EnhedsNummer i DTR; ret det forkerte.",
            "Each area has its own EnhedsNummer in DTR; correct the wrong one.",
        ),
        (
            "Én Unilogin-import pr. institutionsnummer: to områder med samme nummer overskriver "
            "hinandens brugere.",
            "One Unilogin import per institution number: two areas with one number overwrite each "
            "other's users.",
        ),
        ('institutionsnummer = "G12345"', 'institutionsnummer = "G12345"'),
    ),
    "DP114": _ft(
        ("P-nummer ikke under kommunens CVR", "P-number not under the municipality's CVR"),
        (
            "P-nummeret {pnummer} for «{area}» {problem}.",
            "P-number {pnummer} of «{area}» {problem}.",
        ),
        (
            "Brug et P-nummer, der står under kommunens CVR-nummer i CVR-udtrækket.",
            "Use a P-number listed under the municipality's CVR number in the CVR extract.",
        ),
        (
            "STIL: områderne oprettes med et P-nummer under kommunens CVR-nummer.",
            "STIL: areas are created with a P-number under the municipality's CVR number.",
        ),
        ('pnummer = "1029829825"', 'pnummer = "1029829825"'),
    ),
    "DP115": _ft(
        ("Adresse afviger fra P-enhedens", "Address differs from the P-unit's"),
        (
            "Adressen for «{area}» ({address}) er ikke P-enhedens adresse i CVR ({cvr_address}).",
            "The address of «{area}» ({address}) is not the P-unit's address in CVR ({cvr_address}).",
        ),
        (
            "Brug P-enhedens adresse som områdets adresse, eller vælg et P-nummer med den adresse.",
            "Use the P-unit's address as the area's address, or pick a P-number with that address.",
        ),
        (
            "STIL: adressen bør stemme overens med P-nummerets adresse i CVR.",
            "STIL: the address should match the P-number's address in CVR.",
        ),
        (
            'adresse = "Rådhuspladsen 2, 8000 Aarhus C"',
            'adresse = "Rådhuspladsen 2, 8000 Aarhus C"',
        ),
    ),
    # ------------------------------------------------------------------ persons
    "DP201": _ft(
        ("Ugyldigt CPR-nummer", "Invalid CPR number"),
        (
            "{role} {who}: CPR-nummeret {cpr} er ugyldigt ({reason}).",
            "{role} {who}: CPR number {cpr} is invalid ({reason}).",
        ),
        (
            "Ret cellen: 10 cifre DDMMÅÅ-SSSS, hvor DDMMÅÅ er en rigtig dato.",
            "Correct the cell: 10 digits DDMMYY-SSSS where DDMMYY is a real date.",
        ),
        (
            "Unilogin kender brugere på CPR-nummeret; et ugyldigt nummer opretter ingen bruger. "
            "Modulus 11 kræves ikke (numre fra efter 2007 kan fejle den).",
            "Unilogin identifies users by CPR number; an invalid number creates no user. Modulus 11 "
            "is not required (numbers issued since 2007 can fail it).",
        ),
        ("010120-1234", "010120-1234"),
    ),
    "DP202": _ft(
        ("Foranstillet nul genskabt i CPR", "Leading zero restored in CPR"),
        (
            "CPR-nummeret var gemt som tal og havde mistet sit foranstillede nul; det er genskabt "
            "({cpr}).",
            "The CPR number was stored as a number and had lost its leading zero; it was restored "
            "({cpr}).",
        ),
        (
            "Intet at gøre. Formatér CPR-kolonnen som tekst i Excel for at undgå det.",
            "Nothing to do. Format the CPR column as text in Excel to avoid it.",
        ),
        (
            "Excel fjerner foranstillede nuller fra tal; et 9-cifret CPR-nummer er født den 1.-9.",
            "Excel drops leading zeros from numbers; a 9-digit CPR means born on day 1-9.",
        ),
        ("10120 1234 → 010120-xxxx", "10120 1234 → 010120-xxxx"),
    ),
    "DP203": _ft(
        ("Samme CPR-nummer to gange", "Same CPR number twice"),
        (
            "CPR-nummeret {cpr} står på {count} {role_plural}: {cells}.",
            "CPR number {cpr} is on {count} {role_plural}: {cells}.",
        ),
        (
            "Slet dubletten, eller ret det forkerte CPR-nummer.",
            "Delete the duplicate, or correct the wrong CPR number.",
        ),
        (
            "Én person er én Unilogin-bruger; DTR og Unilogin fanger ikke dubletter i tide.",
            "One person is one Unilogin user; DTR and Unilogin do not catch duplicates in time.",
        ),
        ("", ""),
    ),
    "DP204": _ft(
        ("Samme person med forskellige navne", "Same person with different names"),
        (
            "CPR-nummeret {cpr} er dagplejer «{name1}» og kontaktperson «{name2}».",
            "CPR number {cpr} is dagplejer «{name1}» and contact person «{name2}».",
        ),
        (
            "Ret navnet, så det er ens begge steder, eller ret CPR-nummeret.",
            "Make the name the same in both places, or correct the CPR number.",
        ),
        (
            "Unilogin afviser en kendt person med nye oplysninger, der ikke passer sammen.",
            "Unilogin rejects a known person whose details disagree.",
        ),
        ("", ""),
    ),
    "DP205": _ft(
        ("Barnets dagplejer findes ikke", "Child's dagplejer not found"),
        (
            "Barnet {who} har dagplejer «{ref}», som ikke findes blandt dagplejerne.",
            "Child {who} has dagplejer «{ref}», who is not among the dagplejere.",
        ),
        (
            "Ret dagplejerens id i cellen, så det svarer til et id på dagplejer-arket.",
            "Correct the dagplejer id in the cell to match an id on the dagplejer sheet.",
        ),
        (
            "Et barn følger sin dagplejers område og gruppe; uden dagplejer kan barnet ikke oprettes.",
            "A child follows its dagplejer's area and group; without one it cannot be created.",
        ),
        ("", ""),
    ),
    "DP206": _ft(
        ("Dagplejer uden område", "Dagplejer without area"),
        (
            "Dagplejer {id} ({name}, {cpr}) tages ikke af noget område.",
            "Dagplejer {id} ({name}, {cpr}) is taken by no area.",
        ),
        (
            "Tilføj dagplejerens værdi til et områdes hvor-regel, sæt id'et i dagplejere = [...] "
            "eller tilføj et område med resten = true.",
            "Add the dagplejer's value to an area's hvor rule, put the id in dagplejere = [...] or "
            "add an area with resten = true.",
        ),
        (
            "Alle dagplejere skal oprettes i Unilogin på et område (Anvisningsenhed).",
            "Every dagplejer must be created in Unilogin on an area (Anvisningsenhed).",
        ),
        ('[[omraade]]\nnavn = "Dagplejen Øvrige"\nresten = true', "[[omraade]]\nresten = true"),
    ),
    "DP207": _ft(
        ("Barn uden kontaktperson med myndighed", "Child without a custodial contact"),
        (
            "Barnet {who} har ingen kontaktperson med forældremyndighed.",
            "Child {who} has no contact person with custody.",
        ),
        (
            "Tilføj forældrene i kontaktkolonnerne, eller markér myndighed for den rette person.",
            "Add the parents in the contact columns, or mark custody for the right person.",
        ),
        (
            "childCustody styrer, hvem der ser barnet i Aula; uden den ser ingen forælder barnet.",
            "childCustody decides who sees the child in Aula; without it no parent sees the child.",
        ),
        ("", ""),
    ),
    "DP208": _ft(
        ("Mange børn hos én dagplejer", "Many children with one dagplejer"),
        (
            "Dagplejer {id} ({name}) har {count} børn; grænsen er {limit}.",
            "Dagplejer {id} ({name}) has {count} children; the limit is {limit}.",
        ),
        (
            "Tjek at børnene har den rigtige dagplejer, eller hæv [regler] max_boern.",
            "Check the children's dagplejer, or raise [regler] max_boern.",
        ),
        (
            "En dagplejer passer normalt højst 5 børn; flere tyder på et forkert dagplejer-id.",
            "A dagplejer normally looks after at most 5 children; more suggests a wrong id.",
        ),
        ("[regler]\nmax_boern = 5", "[regler]\nmax_boern = 5"),
    ),
    "DP209": _ft(
        ("Barn ældre end aldersgrænsen", "Child older than the age limit"),
        (
            "Barnet {who} er {age} år; grænsen er {limit} år.",
            "Child {who} is {age} years old; the limit is {limit}.",
        ),
        (
            "Tjek CPR-nummeret, eller om barnet skulle være flyttet; grænsen er [regler] max_alder.",
            "Check the CPR number, or whether the child has moved on; the limit is [regler] max_alder.",
        ),
        (
            "Dagpleje er for børn under 3 år; et ældre barn er ofte en tastefejl i CPR-nummeret.",
            "Dagpleje is for children under 3; an older child is often a typo in the CPR number.",
        ),
        ("[regler]\nmax_alder = 3", "[regler]\nmax_alder = 3"),
    ),
    "DP210": _ft(
        ("Beskyttet person uden aliasnavn", "Protected person without alias"),
        (
            "{role} {who} har navne- og adressebeskyttelse, men intet aliasnavn.",
            "{role} {who} has name and address protection but no alias name.",
        ),
        (
            "Udfyld Alias fornavn og Alias efternavn på personens række.",
            "Fill in the alias first and family names on the person's row.",
        ),
        (
            "Unilogin opretter ikke en beskyttet person uden AliasFirstName/AliasFamilyName.",
            "Unilogin will not create a protected person without AliasFirstName/AliasFamilyName.",
        ),
        (
            "Alias fornavn: Sol, Alias efternavn: Barn",
            "Alias first name: Sol, alias family name: Barn",
        ),
    ),
    "DP211": _ft(
        ("Relation kan ikke oversættes", "Relation cannot be mapped"),
        (
            "Relationen «{value}» kan ikke oversættes til Unilogin ({allowed}){why}.",
            "Relation «{value}» cannot be mapped to Unilogin ({allowed}){why}.",
        ),
        (
            'Skriv en af Unilogins værdier i cellen, eller tilføj [roster.relationer] "{value}" = "Andet".',
            'Write one of Unilogin\'s values in the cell, or add [roster.relationer] "{value}" = "Andet".',
        ),
        (
            "Unilogin kender kun Mor, Far, Andet og Officielt tilknyttet person; værktøjet gætter ikke.",
            "Unilogin knows only Mor, Far, Andet and Officielt tilknyttet person; the tool does not guess.",
        ),
        (
            '[roster.relationer]\n"Værge" = "Officielt tilknyttet person"',
            '[roster.relationer]\n"Værge" = "Officielt tilknyttet person"',
        ),
    ),
    "DP212": _ft(
        ("Navn mangler", "Name missing"),
        ("{role} {who} mangler {what}.", "{role} {who} is missing {what}."),
        ("Udfyld navnet på rækken.", "Fill in the name on the row."),
        (
            "FirstName og FamilyName er obligatoriske i Unilogin.",
            "FirstName and FamilyName are mandatory in Unilogin.",
        ),
        ("", ""),
    ),
    "DP213": _ft(
        ("CPR-nummer mangler", "CPR number missing"),
        ("{role} {who} har intet CPR-nummer.", "{role} {who} has no CPR number."),
        (
            "Udfyld CPR-nummeret. Personer uden CPR skal have et fiktivt nummer uden for det rigtige "
            "talrum (fx dag + 60) efter aftale med STIL.",
            "Fill in the CPR number. People without one need a fictitious number outside the real "
            "range (e.g. day + 60) as agreed with STIL.",
        ),
        (
            "Unilogins nyere tjenester håndterer kun CPR-identificerede brugere.",
            "Unilogin's newer services handle only CPR-identified users.",
        ),
        ("", ""),
    ),
    "DP214": _ft(
        ("Ja/nej-værdi kan ikke læses", "Yes/no value unreadable"),
        (
            "«{value}» i kolonnen {column} er hverken ja eller nej; læst som «{assumed}».",
            "«{value}» in column {column} is neither yes nor no; read as «{assumed}».",
        ),
        ("Skriv Ja eller Nej i cellen.", "Write Ja or Nej in the cell."),
        (
            "Beskyttelse og forældremyndighed må ikke gættes forkert; i tvivl læses beskyttelse som ja.",
            "Protection and custody must not be guessed wrong; when in doubt protection is read as yes.",
        ),
        ("Ja / Nej", "Ja / Nej"),
    ),
    "DP215": _ft(
        ("Foranstillet nul genskabt i postnummer", "Leading zero restored in postcode"),
        (
            "Postnummeret var gemt som tal og havde mistet sit foranstillede nul; læst som {value}.",
            "The postcode was stored as a number and had lost its leading zero; read as {value}.",
        ),
        (
            "Intet at gøre. Formatér kolonnen som tekst i Excel.",
            "Nothing to do. Format the column as text in Excel.",
        ),
        (
            "Postnumre 0800-0999 mister nullet i Excel.",
            "Postcodes 0800-0999 lose the zero in Excel.",
        ),
        ("900 → 0900", "900 → 0900"),
    ),
    "DP216": _ft(
        ("Samme dagplejer-id to gange", "Same dagplejer id twice"),
        (
            "Dagplejer-id'et {id} står på flere rækker: {cells}.",
            "Dagplejer id {id} is on several rows: {cells}.",
        ),
        ("Giv hver dagplejer sit eget id.", "Give each dagplejer an id of its own."),
        (
            "Id'et bliver LocalPersonId og gruppe i Unilogin; det skal være entydigt og stabilt.",
            "The id becomes LocalPersonId and group in Unilogin; it must be unique and stable.",
        ),
        ("", ""),
    ),
    "DP217": _ft(
        ("Dagplejer-id dannet af værktøjet", "Dagplejer id made by the tool"),
        (
            "Rosteren har ingen id-kolonne; {count} dagplejere har fået et id dannet af navnet.",
            "The roster has no id column; {count} dagplejere got an id made from their name.",
        ),
        (
            "Tilføj en kolonne med medarbejdernummer, eller angiv den i [roster.kolonner] id.",
            "Add a column with the employee number, or name it in [roster.kolonner] id.",
        ),
        (
            "LocalPersonId skal være stabilt mellem eksporter; et navneskift giver ellers en ny bruger.",
            "LocalPersonId must be stable between exports; a name change would make a new user.",
        ),
        ('[roster.kolonner]\nid = "Medarbejdernr"', '[roster.kolonner]\nid = "Medarbejdernr"'),
    ),
    "DP218": _ft(
        ("Kontaktperson uden barn", "Contact person without child"),
        (
            "Kontaktpersonen på rækken hører til barnet {cpr}, som ikke findes på børnearket.",
            "The contact person on this row belongs to child {cpr}, who is not on the child sheet.",
        ),
        ("Ret barnets CPR-nummer i cellen.", "Correct the child's CPR number in the cell."),
        ("En kontaktperson følger sit barn.", "A contact person follows their child."),
        ("", ""),
    ),
    # ------------------------------------------------------------------ plan
    "DP301": _ft(
        ("Planen er forældet", "The plan is out of date"),
        ("{reason}", "{reason}"),
        (
            "Kør dagpleje plan {roster} igen, gennemse planen, og kør så validate igen.",
            "Run dagpleje plan {roster} again, review the plan, then run validate again.",
        ),
        (
            "Det, der eksporteres, skal være det, du har gennemset; rosteren eller konfigurationen "
            "er ændret siden planen blev lavet.",
            "What is exported must be what you reviewed; the roster or configuration changed since "
            "the plan was made.",
        ),
        ("dagpleje plan roster.xlsx", "dagpleje plan roster.xlsx"),
    ),
}


UI: dict[str, Text] = {
    # errors (exit 2)
    "error": ("Fejl", "Error"),
    "where": ("Sted", "Where"),
    "fix": ("Sådan retter du det", "How to fix it"),
    "config_syntax": (
        "Konfigurationsfilen er ikke gyldig TOML: {detail}",
        "The configuration file is not valid TOML: {detail}",
    ),
    "config_syntax_hint": (
        "Ret linjen, der nævnes. Tekst skal stå i anførselstegn, tabeller i [firkantede] parenteser.",
        "Correct the line mentioned. Text goes in quotes, tables in [square] brackets.",
    ),
    "config_invalid": (
        "Konfigurationen har fejl i sin opbygning:",
        "The configuration has errors in its structure:",
    ),
    "config_invalid_hint": (
        "Ret nøglerne ovenfor; se README-afsnittet «Konfiguration» for alle nøgler.",
        "Correct the keys above; see the README section «Konfiguration» for every key.",
    ),
    "config_missing": (
        "Konfigurationsfilen findes ikke.",
        "The configuration file does not exist.",
    ),
    "config_missing_hint": (
        "Kør dagpleje init ROSTER --kommune KODE for at lave en, eller angiv --config STI.",
        "Run dagpleje init ROSTER --kommune CODE to make one, or give --config PATH.",
    ),
    "config_is_dir": (
        "Konfigurationen er en mappe, ikke en fil.",
        "The configuration is a folder, not a file.",
    ),
    "config_unreadable": (
        "Konfigurationen kan ikke læses: {detail}",
        "The configuration cannot be read: {detail}",
    ),
    "config_encoding": (
        "Konfigurationen er ikke UTF-8. Gem den som UTF-8.",
        "The configuration is not UTF-8. Save it as UTF-8.",
    ),
    "roster_missing": ("Rosteren findes ikke.", "The roster does not exist."),
    "roster_missing_hint": (
        "Tjek filnavnet og mappen; brug anførselstegn om stier med mellemrum.",
        "Check the file name and folder; put paths with spaces in quotes.",
    ),
    "roster_is_dir": ("Rosteren er en mappe, ikke en fil.", "The roster is a folder, not a file."),
    "roster_bad_suffix": (
        "Filtypen {suffix} kan ikke læses; brug en af {kinds}.",
        "File type {suffix} cannot be read; use one of {kinds}.",
    ),
    "roster_empty_file": (
        "Rosteren er en tom fil (0 byte).",
        "The roster is an empty file (0 bytes).",
    ),
    "roster_too_large": (
        "Rosteren fylder {size_mb} MB; grænsen er {limit_mb} MB.",
        "The roster is {size_mb} MB; the limit is {limit_mb} MB.",
    ),
    "roster_too_large_unpacked": (
        "Regnearket fylder {size_mb} MB udpakket; grænsen er {limit_mb} MB. Filen læses ikke.",
        "The workbook is {size_mb} MB unpacked; the limit is {limit_mb} MB. It is not read.",
    ),
    "roster_too_many_members": (
        "Regnearket består af {count} dele; grænsen er {limit}. Filen læses ikke.",
        "The workbook has {count} parts; the limit is {limit}. It is not read.",
    ),
    "roster_not_workbook": (
        "Filen er ikke et gyldigt regneark (den er måske beskadiget eller omdøbt).",
        "The file is not a valid workbook (it may be damaged or renamed).",
    ),
    "roster_not_workbook_hint": (
        "Åbn filen i Excel og gem den igen som .xlsx, eller eksportér rosteren på ny.",
        "Open the file in Excel and save it again as .xlsx, or export the roster again.",
    ),
    "roster_xml_entities": (
        "Regnearket indeholder XML-entitetsdefinitioner (DTD), som regneark fra Excel aldrig har. "
        "Filen læses ikke, da den kan være lavet for at skade.",
        "The workbook holds XML entity definitions (DTD), which workbooks from Excel never have. "
        "It is not read, as it may be crafted to do harm.",
    ),
    "roster_formulas_without_values": (
        "Regnearket har formler uden beregnede værdier (første i cellen nævnt nedenfor).",
        "The workbook has formulas without computed values (the first in the cell below).",
    ),
    "roster_formulas_without_values_hint": (
        "Åbn filen i Excel eller LibreOffice og gem den igen, så værdierne bliver beregnet og gemt.",
        "Open the file in Excel or LibreOffice and save it again, so the values are computed and saved.",
    ),
    "roster_no_rows": (
        "Arket «{sheet}» har overskrifter (række {row}), men ingen dagplejere under dem.",
        "Sheet «{sheet}» has headers (row {row}) but no dagplejere below them.",
    ),
    "roster_no_rows_hint": (
        "Tjek at det er den rigtige fil og det rigtige ark; ark i filen: {sheets}.",
        "Check that this is the right file and sheet; sheets in the file: {sheets}.",
    ),
    "roster_unreadable": (
        "Regnearket kan ikke læses (beskadiget eller ikke et regneark).",
        "The workbook cannot be read (damaged or not a workbook).",
    ),
    "roster_unreadable_os": (
        "Rosteren kan ikke læses: {detail}",
        "The roster cannot be read: {detail}",
    ),
    "roster_binary_csv": (
        "Filen hedder .csv, men indeholder ikke tekst.",
        "The file is named .csv but does not hold text.",
    ),
    "roster_no_header": (
        "Ingen overskriftsrække fundet i arket «{sheet}» (fx CPR, Fornavn, Efternavn).",
        "No header row found in sheet «{sheet}» (e.g. CPR, Fornavn, Efternavn).",
    ),
    "roster_no_header_hint": (
        "Rosteren skal have en række med kolonneoverskrifter. Ark i filen: {sheets}.",
        "The roster needs a row of column headers. Sheets in the file: {sheets}.",
    ),
    "roster_no_dagplejer_sheet": (
        "Der er intet ark med dagplejere i rosteren. Ark: {sheets}.",
        "There is no sheet of dagplejere in the roster. Sheets: {sheets}.",
    ),
    "roster_no_dagplejer_sheet_hint": (
        'Angiv arket i dagpleje.toml: [roster] ark = "Dagplejere".',
        'Name the sheet in dagpleje.toml: [roster] ark = "Dagplejere".',
    ),
    "roster_sheet_missing": (
        "Arket «{sheet}» fra [roster] {key} findes ikke. Ark i filen: {sheets}.",
        "Sheet «{sheet}» from [roster] {key} does not exist. Sheets in the file: {sheets}.",
    ),
    "roster_column_missing": (
        "Kolonnen «{header}» fra [roster.{table}] {field} findes ikke i arket «{sheet}» (række {row}).",
        "Column «{header}» from [roster.{table}] {field} is not in sheet «{sheet}» (row {row}).",
    ),
    "roster_column_missing_hint": (
        "Overskrifter i arket: {headers}.",
        "Headers in the sheet: {headers}.",
    ),
    "roster_required_missing": (
        "Arket «{sheet}» mangler en kolonne for {field} (overskrifter i række {row}).",
        "Sheet «{sheet}» has no column for {field} (headers in row {row}).",
    ),
    "roster_required_missing_hint": (
        'Tilføj kolonnen, eller fortæl hvilken det er: [roster.{table}] {field} = "Overskrift". '
        "Overskrifter: {headers}.",
        'Add the column, or say which one it is: [roster.{table}] {field} = "Header". '
        "Headers: {headers}.",
    ),
    "roster_ambiguous": (
        "Flere ark ligner dagplejer-arket: {sheets}.",
        "Several sheets look like the dagplejer sheet: {sheets}.",
    ),
    "rule_column_missing": (
        "Kolonnen «{column}» i {key} findes ikke i rosteren.",
        "Column «{column}» in {key} is not in the roster.",
    ),
    "rule_column_missing_hint": (
        "Kolonner på dagplejer-arket: {headers}.",
        "Columns on the dagplejer sheet: {headers}.",
    ),
    "bad_range": (
        "Intervallet «{value}» i {key} skal have formen 8000-8299.",
        "Range «{value}» in {key} must look like 8000-8299.",
    ),
    "opdeling_name": (
        '[opdeling] navn skal indeholde {{værdi}}, fx "Dagplejen {{værdi}}".',
        '[opdeling] navn must contain {{værdi}}, e.g. "Dagplejen {{værdi}}".',
    ),
    "plan_missing": ("Planen findes ikke.", "The plan does not exist."),
    "plan_missing_hint": (
        "Kør først dagpleje plan ROSTER i denne mappe.",
        "Run dagpleje plan ROSTER in this folder first.",
    ),
    "plan_unreadable": (
        "Planen kan ikke læses; den er ikke lavet af dagpleje eller er ændret.",
        "The plan cannot be read; it was not made by dagpleje or has been changed.",
    ),
    "plan_unreadable_hint": (
        "Kør dagpleje plan ROSTER igen.",
        "Run dagpleje plan ROSTER again.",
    ),
    "write_failed": (
        "Filen kunne ikke skrives: {detail}",
        "The file could not be written: {detail}",
    ),
    "internal_error": (
        "Der skete en uventet fejl i dagpleje ({kind}). Ingen filer er ændret halvvejs. "
        "Kør igen med --debug og send beskeden (uden CPR-numre) til udviklerne.",
        "An unexpected error happened in dagpleje ({kind}). No file was changed half-way. Run "
        "again with --debug and send the message (without CPR numbers) to the developers.",
    ),
    "extract_no_header": (
        "CVR-udtrækket har ingen overskriftsrække med P-nummer og CVR-nummer.",
        "The CVR extract has no header row with P-number and CVR number.",
    ),
    "extract_no_header_hint": (
        "Udtrækket skal have kolonner som «P-nummer», «CVR-nummer», «Navn» og «Adresse».",
        "The extract needs columns such as «P-nummer», «CVR-nummer», «Navn» and «Adresse».",
    ),
    # validate
    "validate_title": ("Validering af {roster}", "Validation of {roster}"),
    "general": ("Generelt", "General"),
    "col_severity": ("Alvor", "Severity"),
    "col_code": ("Kode", "Code"),
    "col_where": ("Sted", "Where"),
    "col_message": ("Besked", "Message"),
    "more_of_code": (
        "… og {n} mere af {code} (se alle med --format json eller --annotate)",
        "… and {n} more of {code} (see all with --format json or --annotate)",
    ),
    "summary": (
        "{fejl} fejl, {advarsler} advarsler, {info} info",
        "{fejl} errors, {advarsler} warnings, {info} info",
    ),
    "next_errors": (
        "Ret fejlene og kør dagpleje validate igen. dagpleje explain KODE forklarer en kode.",
        "Fix the errors and run dagpleje validate again. dagpleje explain CODE explains a code.",
    ),
    "next_strict": (
        "--strict: advarslerne tæller som fejl. Ret dem, eller kør uden --strict.",
        "--strict: the warnings count as errors. Fix them, or run without --strict.",
    ),
    "next_ok": (
        "Klar til eksport: dagpleje export --target dagtilbudsregisteret",
        "Ready to export: dagpleje export --target dagtilbudsregisteret",
    ),
    "annotated": (
        "En kopi af rosteren med markerede celler er skrevet til {path}.",
        "A copy of the roster with marked cells was written to {path}.",
    ),
    "annotate_suffix": (
        "Filen til --annotate skal hedde .xlsx.",
        "The --annotate file must end in .xlsx.",
    ),
    "annotate_is_roster": (
        "--annotate må ikke pege på selve rosteren; den ændres aldrig.",
        "--annotate must not point at the roster itself; it is never changed.",
    ),
    "bad_format": (
        "Ukendt format «{value}»; brug text eller json.",
        "Unknown format «{value}»; use text or json.",
    ),
    "unknown_code": (
        "Koden {code} findes ikke. dagpleje explain uden kode viser alle koder.",
        "Code {code} does not exist. dagpleje explain without a code lists every code.",
    ),
    "explain_why": ("Hvorfor", "Why"),
    "explain_source": ("Kilde", "Source"),
    "explain_fix": ("Sådan retter du det", "How to fix it"),
    "explain_example": ("Eksempel", "Example"),
    "explain_severity": ("Alvor", "Severity"),
    "explain_list_title": ("Alle koder", "All codes"),
    "col_title": ("Titel", "Title"),
    "col_family": ("Familie", "Family"),
    # export
    "export_bad_target": (
        "Ukendt mål «{value}»; brug --target dagtilbudsregisteret (eller dtr) eller --target unilogin.",
        "Unknown target «{value}»; use --target dagtilbudsregisteret (or dtr) or --target unilogin.",
    ),
    "export_refused_errors": (
        "Eksporten er afvist: validate finder {count} fejl ({codes}).",
        "The export is refused: validate finds {count} errors ({codes}).",
    ),
    "export_refused_errors_hint": (
        "Se fejlene med dagpleje validate, ret dem, og eksportér igen.",
        "See the errors with dagpleje validate, fix them, and export again.",
    ),
    "export_no_institution_number": (
        "Unilogin-eksporten er afvist: disse områder har intet institutionsnummer endnu: {areas}.",
        "The Unilogin export is refused: these areas have no institution number yet: {areas}.",
    ),
    "export_no_institution_number_hint": (
        "Brugere kan kun knyttes til en Anvisningsenhed, som DTR har oprettet. Kør dagpleje export "
        "--target dagtilbudsregisteret, få områderne oprettet i DTR (via jeres administrative system "
        "eller en STIL-supportsag), og skriv det EnhedsNummer, DTR udsteder, i områdets "
        'institutionsnummer = "…" i dagpleje.toml.',
        "Users can only be attached to an Anvisningsenhed that DTR has created. Run dagpleje export "
        "--target dagtilbudsregisteret, have the areas created in DTR (through your administrative "
        "system or a STIL support case), and write the EnhedsNummer DTR issues as the area's "
        'institutionsnummer = "…" in dagpleje.toml.',
    ),
    "export_old_datetime": (
        "Eksporten er afvist: sourceDateTime {when} er ikke senere end sidste eksports {last}.",
        "The export is refused: sourceDateTime {when} is not later than the last export's {last}.",
    ),
    "export_old_datetime_hint": (
        "Unilogin indlæser kun en import, der er nyere end den forrige. Udelad --source-datetime "
        "(så bruges tidspunktet nu), eller angiv et senere tidspunkt.",
        "Unilogin only loads an import newer than the previous one. Leave out --source-datetime (the "
        "current time is used), or give a later time.",
    ),
    "export_bad_datetime": (
        "--source-datetime «{value}» er ikke et tidspunkt.",
        "--source-datetime «{value}» is not a date and time.",
    ),
    "export_bad_datetime_hint": (
        "Skriv fx 2026-11-27T08:00:00+01:00.",
        "Write e.g. 2026-11-27T08:00:00+01:00.",
    ),
    "export_xsd_invalid": (
        "Eksporten er afvist: {count} fejl mod XML-skemaet:",
        "The export is refused: {count} errors against the XML schema:",
    ),
    "export_xsd_invalid_hint": (
        "Intet er skrevet. Send fejlene til udviklerne, hvis skemaet er STIL's officielle.",
        "Nothing was written. Send the errors to the developers if the schema is STIL's official one.",
    ),
    "export_too_many_removed": (
        "Eksporten er afvist: {areas} ville miste mere end {limit} % af sine brugere.",
        "The export is refused: {areas} would lose more than {limit} % of its users.",
    ),
    "export_too_many_removed_hint": (
        "Tjek ændringerne ovenfor. Er de rigtige, så kør igen med --ja. Grænsen er [regler] "
        "max_fjernet_procent.",
        "Check the changes above. If they are right, run again with --yes. The limit is [regler] "
        "max_fjernet_procent.",
    ),
    "dry_run_would_refuse": (
        "Bemærk: uden --ja ville eksporten blive afvist, fordi {areas} mister mange brugere.",
        "Note: without --yes the export would be refused, as {areas} loses many users.",
    ),
    "manifest_unreadable": (
        "Manifestet fra sidste eksport kan ikke læses.",
        "The manifest of the last export cannot be read.",
    ),
    "manifest_unreadable_hint": (
        "Er det ændret i hånden? Flyt det væk for at eksportere uden sammenligning med sidste gang.",
        "Was it edited by hand? Move it away to export without comparing with last time.",
    ),
    "xsd_missing": ("XML-skemaet findes ikke.", "The XML schema does not exist."),
    "xsd_unreadable": (
        "XML-skemaet kan ikke læses: {detail}",
        "The XML schema cannot be read: {detail}",
    ),
    "export_written": ("Skrevet til {path}:", "Written to {path}:"),
    "export_dry_run": (
        "Prøvekørsel (--dry-run): intet er skrevet. Disse filer ville blive skrevet:",
        "Dry run (--dry-run): nothing was written. These files would be written:",
    ),
    "changes_first": (
        "Første Unilogin-eksport: ingen tidligere eksport at sammenligne med.",
        "First Unilogin export: no earlier export to compare with.",
    ),
    "changes_title": ("Ændringer siden sidste eksport", "Changes since the last export"),
    "col_before": ("Før", "Before"),
    "col_after": ("Nu", "Now"),
    "col_added": ("Nye", "New"),
    "col_removed": ("Fjernet", "Removed"),
    "moves_title": (
        "{n} dagplejere er flyttet mellem områder; Aula mister deres gruppehistorik (opslag, kalender, beskeder):",
        "{n} dagplejere moved between areas; Aula loses their group history (posts, calendar, messages):",
    ),
    "move_line": ("  {id} {name}: {old} → {new}", "  {id} {name}: {old} → {new}"),
    "next_dtr": (
        "Næste skridt: få områderne oprettet i DTR; skriv derefter hvert områdes EnhedsNummer som "
        "institutionsnummer i dagpleje.toml, og kør dagpleje export --target unilogin.",
        "Next step: have the areas created in DTR; then write each area's EnhedsNummer as "
        "institutionsnummer in dagpleje.toml, and run dagpleje export --target unilogin.",
    ),
    "next_unilogin": (
        "Næste skridt: indlæs XML-filerne gennem kommunens administrative system (Skolegrunddata). "
        "Filerne indeholder CPR-numre: opbevar og slet dem forsvarligt.",
        "Next step: load the XML files through the municipality's administrative system "
        "(Skolegrunddata). The files hold CPR numbers: keep and delete them securely.",
    ),
    # init
    "init_exists": (
        "{path} findes allerede; den overskrives ikke.",
        "{path} already exists; it is not overwritten.",
    ),
    "init_exists_hint": (
        "Brug --force for at overskrive, eller --out for at skrive en anden fil.",
        "Use --force to overwrite, or --out to write another file.",
    ),
    "init_unknown_kommune": (
        "Kommunen «{value}» findes ikke blandt de 98 kommuner.",
        "Municipality «{value}» is not one of the 98 municipalities.",
    ),
    "init_unknown_kommune_hint": (
        "Brug kommunekoden (fx 751) eller navnet (fx Aarhus).",
        "Use the code (e.g. 751) or the name (e.g. Aarhus).",
    ),
    "init_roster": ("Rosteren {name} ({layout}):", "The roster {name} ({layout}):"),
    "init_sheet": (
        "  Arket «{sheet}» ({role}, overskrifter i række {row}): {n} kolonner genkendt",
        "  Sheet «{sheet}» ({role}, headers in row {row}): {n} columns recognised",
    ),
    "init_recognised": ("    genkendt: {items}", "    recognised: {items}"),
    "init_contacts": (
        "    kontaktpersoner: {n} kolonnegrupper",
        "    contact persons: {n} column groups",
    ),
    "init_unrecognised": (
        "    ikke genkendt (kan bruges i regler; er det et af felterne, så angiv det i [roster.kolonner]): {items}",
        "    not recognised (usable in rules; if it is one of the fields, map it in [roster.kolonner]): {items}",
    ),
    "init_counts": (
        "  {dagplejere} dagplejere, {boern} børn, {kontakter} kontaktpersoner",
        "  {dagplejere} dagplejere, {boern} children, {kontakter} contact persons",
    ),
    "init_kommune": (
        "Kommune: {navn} ({kode}), CVR {cvr}",
        "Municipality: {navn} ({kode}), CVR {cvr}",
    ),
    "init_no_kommune": (
        "Kommune: ikke angivet (brug --kommune KODE); skriv koden i [kommune] kode.",
        "Municipality: not given (use --kommune CODE); write the code in [kommune] kode.",
    ),
    "init_division": (
        "Områder: foreslået ud fra kolonnen «{column}»: {values}",
        "Areas: proposed from the column «{column}»: {values}",
    ),
    "init_no_division": (
        "Områder: ingen kolonne med en inddeling (fx Distrikt) fundet; ét område med alle dagplejere.",
        "Areas: no column with a division (e.g. Distrikt) found; one area with all dagplejere.",
    ),
    "init_written": ("Skrev {path}.", "Wrote {path}."),
    "init_next": (
        "Næste skridt: udfyld værdierne med UDFYLD i {path} (P-nummer, adresse, lovgrundlag), og kør "
        "dagpleje plan {roster}.",
        "Next step: fill in the UDFYLD values in {path} (P-number, address, lovgrundlag), and run "
        "dagpleje plan {roster}.",
    ),
    "status_title": ("Status for denne mappe:", "Status of this folder:"),
    "status_no_config": (
        "  Ingen konfiguration endnu. Start med: dagpleje init ROSTER --kommune KODE",
        "  No configuration yet. Start with: dagpleje init ROSTER --kommune CODE",
    ),
    "status_bad_config": (
        "  Konfigurationen har fejl: {message} Kør dagpleje plan ROSTER for detaljer.",
        "  The configuration has errors: {message} Run dagpleje plan ROSTER for details.",
    ),
    "status_no_plan": (
        "  Konfiguration fundet, men ingen plan endnu. Næste skridt: dagpleje plan ROSTER",
        "  Configuration found but no plan yet. Next step: dagpleje plan ROSTER",
    ),
    "status_stale": (
        "  Planen er forældet ({reason}). Næste skridt: dagpleje plan {roster}",
        "  The plan is out of date ({reason}). Next step: dagpleje plan {roster}",
    ),
    "status_plan_broken": (
        "  Planen kan ikke bruges: {message} Næste skridt: dagpleje plan ROSTER",
        "  The plan cannot be used: {message} Next step: dagpleje plan ROSTER",
    ),
    "status_ready": (
        "  Planen er aktuel. Næste skridt: dagpleje validate, og derefter dagpleje export --target dagtilbudsregisteret",
        "  The plan is current. Next step: dagpleje validate, then dagpleje export --target dagtilbudsregisteret",
    ),
    "workflow": (
        "Arbejdsgangen:\n"
        "  1. dagpleje init ROSTER --kommune KODE      laver dagpleje.toml ud fra rosteren\n"
        "  2. dagpleje plan ROSTER                     fordeler dagplejerne i områder\n"
        "  3. dagpleje validate                        tjekker alt mod registrenes regler\n"
        "  4. dagpleje export --target dagtilbudsregisteret   filer til DTR\n"
        "  5. dagpleje export --target unilogin        Unilogin-filer (når DTR har givet institutionsnumre)\n"
        "  dagpleje explain KODE forklarer en kode; dagpleje KOMMANDO --help viser valgmulighederne.",
        "The workflow:\n"
        "  1. dagpleje init ROSTER --kommune CODE      makes dagpleje.toml from the roster\n"
        "  2. dagpleje plan ROSTER                     groups the dagplejere into areas\n"
        "  3. dagpleje validate                        checks everything against the registers' rules\n"
        "  4. dagpleje export --target dagtilbudsregisteret   files for DTR\n"
        "  5. dagpleje export --target unilogin        Unilogin files (once DTR has issued institution numbers)\n"
        "  dagpleje explain CODE explains a code; dagpleje COMMAND --help shows the options.",
    ),
    "step_grouping": (
        "Læser rosteren og fordeler dagplejerne …",
        "Reading the roster and grouping the dagplejere …",
    ),
    "step_reading": ("Læser rosteren …", "Reading the roster …"),
    "step_checking": ("Tjekker reglerne …", "Checking the rules …"),
    "step_building": ("Bygger filerne …", "Building the files …"),
    "step_writing_plan": ("Skriver planen …", "Writing the plan …"),
    "step_annotating": (
        "Markerer cellerne i en kopi af rosteren …",
        "Marking the cells in a copy of the roster …",
    ),
    "step_writing": ("Skriver filerne …", "Writing the files …"),
    # plan
    "plan_title": ("Plan: {n} områder fra {roster}", "Plan: {n} areas from {roster}"),
    "col_area": ("Område", "Area"),
    "col_dagplejere": ("Dagplejere", "Dagplejere"),
    "col_children": ("Børn", "Children"),
    "col_contacts": ("Kontaktpersoner", "Contact persons"),
    "col_rule": ("Regel", "Rule"),
    "col_pnummer": ("P-nummer", "P-number"),
    "col_instnr": ("Institutionsnr.", "Institution no."),
    "not_created": ("ikke oprettet endnu", "not created yet"),
    "total": ("I alt", "Total"),
    "plan_written": ("Planen er skrevet til {path}.", "The plan was written to {path}."),
    "plan_unassigned": (
        "{n} dagplejere har intet område:",
        "{n} dagplejere have no area:",
    ),
    "plan_next_ok": (
        "Næste skridt: gennemse {path}, og kør så dagpleje validate.",
        "Next step: review {path}, then run dagpleje validate.",
    ),
    "plan_next_unassigned": (
        "Giv dem et område i dagpleje.toml (hvor-regel, dagplejere = [...] eller resten = true), "
        "og kør dagpleje plan igen.",
        "Give them an area in dagpleje.toml (hvor rule, dagplejere = [...] or resten = true), and "
        "run dagpleje plan again.",
    ),
    "rule_explicit": ("dagplejere-liste", "dagplejere list"),
    "rule_rest": ("resten", "resten"),
    "rule_none": ("intet område", "no area"),
    "unassigned_line": ("  {id}  {name}  ({cpr})", "  {id}  {name}  ({cpr})"),
}


def ui(message_key: str, /, **params: object) -> str:
    """A user-interface text in the current language, filled in."""
    da, en = UI[message_key]
    return pick(da, en).format(**params)
