"""Whole web pages of the kinds issue 11's set B holds (tests/fixtures/labelled_web/: a crawl's visible text
of Arabic news sites and forums, English, French, Spanish, German, Persian and Urdu pages, menus, consent
banners, galleries, comments and footers included), every line marked `+ ` keep or `- ` drop by the
held-out rules of benchmarks/README.md. Composed by the team and labelled before any build ran on them;
split by site into dev/ (read its errors) and test/ (scored once, at the end, by
`benchmarks.boilerplate_eval --set web-test`: no test here runs the builder on it). Round 2 (session 13)
added 32 pages on 32 more sites, 16 a part; round 3 (session 14) 32 more, with Italian and Urdu in both parts;
round 4 (session 15) 32 more, 12 of them Arabic, with Persian and Urdu in both parts; round 5 (session 16) 32
more, 12 of them Arabic (4 forum or Q&A threads), 4 Urdu, 4 Persian, and a first Turkish page, in test only; round 6
(session 18) 32 more, split by a hash of the site name (`_hashed_part`), 10 Arabic, 3 Persian, 3 Urdu, and the first
Indonesian and Malay pages; round 7 (session 19) 32 more split the same way, 10 Arabic, 4 Persian, 4 Urdu, 8 English,
and the first Swahili, Portuguese, Dutch and Hindi pages; round 8 (session 20) 37 pages on 32 more sites split the
same way (20 dev, 12 test), 9 Arabic (11 pages), 4 Persian, 3 Urdu, 5 English, and the first Russian, Pashto, Sorani
Kurdish and Bengali pages; round 9 (session 21) 38 pages on 32 more sites split the same way (13 sites and 16 pages
in dev, 19 and 22 in test), 15 Arabic (Gulf, Maghreb, Levant, Egypt, Iraq, Sudan, Yemen), 4 Persian, 4 Urdu, 4 English,
six sites with a second page of the same template, and the first German page since round 6; round 10 (session 22) 38
pages on 32 more sites split the same way (17 sites and 20 pages in dev, 15 and 18 in test), 12 Arabic (14 pages: news
from the Gulf, Iraq, Syria, Egypt and the Maghreb, a Q&A site, a forum, a blog, a recipe page with a shop box), 4
Persian, 4 Urdu, 4 English (news with a podcast page, Q&A, a shop's product page, a blog), one page each in French,
German, Spanish, Turkish, Indonesian, Russian, Bengali and Hindi, and six sites with a second page of the same
template; round 11 (session 23) 38 pages on 32 more sites split the same way (17 sites and 20 pages in dev, 15 and 18 in
test), 11 Arabic (13 pages: news from the Maghreb, the Gulf, Egypt, the Levant, Sudan and Yemen, a Q&A site, a forum, a
blog, a sports page, a charity's notice), 4 Persian, 4 Urdu and 2 Pashto sites with test pages in each, 4 English
(local news, a recipe blog, a help centre, a classified ad), one page each in French, German, Italian, Malay, Sorani
Kurdish, Swahili and the first Hausa page, and six sites with a second page of the same template; round 12 (session
24) 38 pages on 32 more sites split the same way (17 sites and 20 pages in dev, 15 and 18 in test), 11 Arabic (14
pages: news from Iraq, Libya, Mauritania, Oman, Palestine and Algeria, a fatwa site, a builders' forum, a real-estate
listings site, a college's notice page, a TV channel's programme page), 4 Persian, 4 Urdu, 2 Pashto and 3 English
sites in both parts, one page each in Spanish, Portuguese, Turkish and Indonesian, the first Sindhi, Somali and
Yoruba pages, and six sites with a second page of the same template; round 13 (session 25) 36 pages on 30 more sites
split the same way; round 14 (session 26) 36 pages on 30 more sites split the same way (14 sites and 17 pages in dev,
16 and 19 in test), 9 Arabic sites (12 pages: news from Jordan, Tunisia, Yemen, Saudi Arabia and Iraq, a spice shop's
product page, a fatwa Q&A, a recipe blog, a pharmacists' forum), 4 Persian, 4 Urdu, 2 Pashto and 4 English sites in
both parts (news, a help centre, a travel blog, a recipe), one page each in Indonesian, Russian, French, German,
Spanish, Turkish and Italian, and six sites with a second page of the same template; round 15 (session 27) 36 pages on
30 more sites split the same way (15 sites and 18 pages a part), 11 Arabic sites (14 pages: news from Egypt, Lebanon,
the Emirates, Iraq, Tunisia, Sudan and Yemen, a fatwa page, a sports round with its results table, a university's
notice, a farmers' forum), 4 Persian (news, a memorial notice, a recipe blog), 4 Urdu (news, a classified ad, an exam
board's notice), 2 Pashto and 4 English sites (a help centre, local news, a forum thread, a hiking blog) in both
parts, one page each in French, German, Swahili, Spanish and Turkish, and six sites with a second page of the same
template; round 16 (session 28) 36 pages on 30 more sites split the same way (14 sites and 17 pages in dev, 16 and 19
in test), 10 Arabic sites (12 pages: news from Oman, Yemen, Iraq, Sudan, Syria and Egypt, a Moroccan league round with
its results and table, a fatwa page, a beekeepers' forum, a university's notice), 4 Persian (news, a travel blog, a
Q&A thread), 4 Urdu (news, a recipe blog, an obituary notice), 2 Pashto and 4 English sites (local news, a help
centre, a coaches' forum) in both parts, one page each in French, Portuguese, German (a classified ad), Spanish,
Turkish and Hindi, and six sites with a second page of the same template; round 17 (session 29) 36 pages on 30 more
sites split the same way (14 sites and 17 pages in dev, 16 and 19 in test), 11 Arabic sites (13 pages: news from
Yemen, Iraq, Egypt, the Emirates, Libya, Sudan, Syria and Algeria, a court report, a parliament vote, a cold-wave
article, a league round with its table, a travel blog, a recipe blog), 4 Persian (news, a flat's listing, an interview
on subsidence), 4 Urdu (news, a Q&A thread), 2 Pashto and 4 English sites (a help centre, local news, a birders' MyBB
thread) in both parts, one page each in Italian (a festival notice), Swahili, German (a product page), French (a Q&A)
and Indonesian, and six sites with a second page of the same template."""

from __future__ import annotations

import hashlib

from tests.labelled import WEB_PAGES, Labelled, load, ours, score

# Round 2's sites (session 13). Its dev pages are left out of the held figures below until the rules
# engineer has scored them untuned (`boilerplate_eval --set web-dev`): the thresholds were set on round 1.
ROUND_2 = {
    "dev": {"ar-akhbarelnil", "ar-lubnanelyom", "ar-montadaalomahat", "ar-qartajpress", "ar-sadaalkhaleej",
            "de-allgaeuerbote", "de-aquaristikforum", "en-birdpedia", "en-oakandthread", "en-riverbendgazette",
            "es-cocinaconalba", "es-marcadorandino", "fa-rooznegar", "fr-courrierdumorvan",
            "fr-jardinspartageslyon", "ur-shehrkhabar"},
    "test": {"ar-dafaterlayla", "ar-istifsar", "ar-omanalaan", "ar-qudsnabd", "ar-rabatecho", "de-heimwerkerrat",
             "de-tsvbergheim", "en-marshfieldlibrary", "en-tinkerworkshop", "en-wandersketch", "es-unilitoral",
             "es-vozdelcarmen", "fa-sedayemardom", "fr-carnetsdelea", "fr-mairie-saintaubin", "fr-numeriquehebdo"},
}
# Round 3's sites (session 14), left out of the held figures for the same reason as round 2's.
ROUND_3 = {
    "dev": {"ar-ammanalyawm", "ar-dohamirror", "ar-khartoumtoday", "ar-montadaalsayyarat", "ar-rafidainpost",
            "de-gartenfreunde-talk", "de-mainecho", "en-harrowfieldcourier", "en-hopelinetrust", "en-saltandcrumb",
            "es-heraldodelbajio", "fa-neyshaburnews", "fr-atelierdeclaire", "fr-echosdurouergue",
            "it-cronacadelsannio", "ur-jahanurdu"},
    "test": {"ar-ahsanews", "ar-bawabetelsaeed", "ar-ishrahli", "ar-madadatqalam", "ar-wahranpress",
             "de-kaffeemuehlentest", "en-castlebrookuni", "en-fernleyrovers", "en-gearverdict", "es-ecosdelplata",
             "es-rutasdeasturias", "fa-ketabnevis", "fr-cinebulles", "fr-voixdusaguenay", "it-viaggiareslow",
             "ur-qalamkarblog"},
}
# Round 4's sites (session 15), left out of the held figures for the same reason as round 2's.
ROUND_4 = {
    "dev": {"ar-adenmirsad", "ar-alrayaalkuwaitiya", "ar-misrriyada", "ar-muntadalibya", "ar-tilimsanpress",
            "ar-wasatalriyadh", "de-lahntalbote", "en-coldchainreview", "en-ledgerandloom", "en-wrenfordcouncil",
            "es-gacetadelmaule", "fa-asrekavir", "fa-sepehrnews", "fr-echosdesbocages", "fr-velotaf-forum",
            "ur-roznamawatan"},
    "test": {"ar-ajibni", "ar-emaratalghad", "ar-fasriyadi", "ar-irbidtimes", "ar-mudawwanatsalma", "ar-sawtalarz",
             "de-fotostammtisch", "en-spindleforum", "en-tidewaynotes", "es-cuadernodeaula", "es-tribunadelpacifico",
             "fa-golestanema", "fr-partirenfamille", "fr-rivesduleman", "ur-jareedaurdu", "ur-khabarnamapk"},
}
# Round 5's sites (session 16), left out of the held figures for the same reason as round 2's.
ROUND_5 = {
    "dev": {"ar-aqlamhurra", "ar-dimashqnow", "ar-jawabkafi", "ar-muntadaalsiyaha", "ar-najdalyawm",
            "ar-nouakchottinfo", "en-anglersrest", "en-kelmarshpost", "en-thymeandtable", "es-vigiadelnorte",
            "fa-karunnameh", "fa-mehrgannews", "fr-cahierdeflorence", "fr-estafettedubearn", "ur-dailyqaumi",
            "ur-surkhiyan"},
    "test": {"ar-bahrainalaan", "ar-basrapress", "ar-istishara", "ar-muntadaalbarmaja", "ar-sharqiyatoday",
             "ar-zawiyatraay", "de-ostseeblick", "en-ashworthuni", "en-gadgetbench", "fa-alborznews",
             "fa-roozegarnow", "fr-forum-randopyrenees", "fr-regardsmagazine", "tr-egehaberleri",
             "ur-paighamtimes", "ur-sadaurdu"},
}
# Round 6's sites (session 18), left out of the held figures for the same reason as round 2's. The 32 names were
# fixed first and each put in its part by `_hashed_part`, not by hand.
ROUND_6 = {
    "dev": {"ar-doharyadiya", "ar-ijabatuk", "ar-muntadaalfallahin", "ar-sfaxinfo", "de-wetterauzeitung",
            "en-cyclehubforum", "en-homefixanswers", "en-riverwatchtrust", "en-thornburyecho", "es-cronicadelebro",
            "fa-porsojoo", "fa-shirazpress", "id-kabarborneo", "it-giornaledelgarda", "ms-beritasemenanjung",
            "ur-multannama"},
    "test": {"ar-hadramawtnews", "ar-iskandariyaalyawm", "ar-jamiyatalbeea", "ar-kuwaitnabd", "ar-marrakechlive",
             "ar-mudawwanatnour", "en-greenacreshop", "es-tiendaelolivar", "fa-tabriznameh", "fr-bricoforum",
             "fr-depechedulimousin", "fr-ville-quimperle", "id-resepnusantara", "tr-karadenizpostasi",
             "ur-ilmkadarya", "ur-karachiawaz"},
}
# Round 7's sites (session 19), left out of the held figures for the same reason as round 2's; named and put in
# their parts by `_hashed_part` before a page was written (it gave 15 dev, 17 test, left as it fell).
ROUND_7 = {
    "dev": {"ar-agadirpost", "ar-fujairahtoday", "ar-muntadaalmuallimin", "ar-zarqaexpress", "en-brightlineledger",
            "en-handyhowtohub", "en-lanternroadjournal", "en-soilandsproutqa", "fa-daftarcheashpazi",
            "fa-kermanrooz", "fa-qazvinkhabar", "fr-gazettedusaumurois", "sw-habarizapwani", "ur-bazmeadab",
            "ur-hyderabadpost"},
    "test": {"ar-annabadaily", "ar-jeddahalaan", "ar-kurrasatamal", "ar-mosulwatch", "ar-muntadaalsayyadin",
             "ar-sawwalni", "en-claymoreschools", "en-harbourtonbeacon", "en-maplecrestkitchen", "en-wheelhouseforum",
             "fa-hamyarsoal", "hi-jaipursamachar", "nl-kempenkoerier", "pt-correiodoalentejo", "tr-bursagundem",
             "ur-khabrainfatafat", "ur-sargodhatimes"},
}
# Round 8's sites (session 20), left out of the held figures for the same reason as round 2's; named and put in
# their parts by `_hashed_part` before a page was written (it gave 20 dev, 12 test, left as it fell). Five sites
# have a second page with the same template (ar-tabukalyawm, ur-sehatmashwara, ru-volgavesti in dev, ar-muntadaalnahl,
# id-kabarjogja in test), so a rule that counts a site's repeated lines sees them as a crawl would.
ROUND_8 = {
    "dev": {"ar-ajwibatuna", "ar-aswaqmuscat", "ar-benghazipress", "ar-ismailiaonline", "ar-mudawwanatrihla",
            "ar-sousseinfo", "ar-tabukalyawm", "bn-rannaghorer", "en-quietharbornotes", "en-tidepoolscience",
            "fa-gilankhabar", "fa-yazdemrooz", "it-eccodellumbria", "ps-kandaharwrangah", "ru-volgavesti",
            "tr-antalyahaberci", "tr-mutfakdefteri", "ur-peshawarnama", "ur-quettakhabar", "ur-sehatmashwara"},
    "test": {"ar-hailnews", "ar-muntadaalnahl", "bn-sylhetbarta", "ckb-slemaninews", "en-millbrookherald",
             "en-pantrypilot", "en-trailgearforum", "fa-daneshnameblog", "fa-porseshnameh", "id-forumpetani",
             "id-kabarjogja", "ru-sadovodklub"},
}
# Round 9's sites (session 21), left out of the held figures for the same reason as round 2's; named and put in
# their parts by `_hashed_part` before a page was written (it gave 13 dev, 19 test, left as it fell). Six sites have a
# second page with the same template (ar-dammamalaan, ar-ijabamufida, ru-kubanvesti in dev, ar-karbalaalaan,
# ur-lahoremirror, id-beritamakassar in test).
ROUND_9 = {
    "dev": {"ar-dammamalaan", "ar-ijabamufida", "ar-omdurmanpost", "ar-tantapress", "ckb-hewlerpress",
            "de-hunsrueckbote", "en-ashgroveobserver", "es-vozdeltajo", "fa-ashpazkhanehman", "fa-hamedanrooz",
            "ru-kubanvesti", "sw-sautiyamombasa", "ur-kisanforum"},
    "test": {"ar-fesalyawm", "ar-halabnabd", "ar-karbalaalaan", "ar-mudawwanatqamar", "ar-muntadaalkhayyatin",
             "ar-rasalkhaimahnews", "ar-setifinfo", "ar-taizznews", "en-copperkettleblog", "en-pinecrestforum",
             "en-stonebridgepodcast", "fa-javabnameh", "fa-urmiakhabar", "fr-gazettedelariege", "fr-potagerpartage",
             "id-beritamakassar", "tr-konyapostasi", "ur-faisalabadnama", "ur-lahoremirror"},
}
# Round 10's sites (session 22), left out of the held figures for the same reason as round 2's; named and put in
# their parts by `_hashed_part` before a page was written (it gave 17 dev, 15 test, left as it fell). Six sites have a
# second page with the same template (ar-jubailnabd, ur-sialkotnama, en-toolshedanswers in dev, ar-minyanews,
# fa-bushehrrooz, en-ridgefieldsentinel in test).
ROUND_10 = {
    "dev": {"ar-hamaalyawm", "ar-jubailnabd", "ar-matbakhsalma", "ar-mudawwanatrim", "ar-muntadaalnajjarin",
            "ar-najafpress", "ar-sharjahmirror", "bn-khulnabarta", "en-slowmendingblog", "en-toolshedanswers",
            "fa-arakkhabar", "id-kabarlombok", "ru-tverskievesti", "ur-gujranwalapost", "ur-mashwaraforum",
            "ur-pakwanghar", "ur-sialkotnama"},
    "test": {"ar-biskrainfo", "ar-kairouaninfo", "ar-kenitrapress", "ar-minyanews", "ar-saalnajib", "de-eifelkurier",
             "en-brackenhillsupply", "en-ridgefieldsentinel", "es-ecodelsegura", "fa-bushehrrooz", "fa-daftaremahtab",
             "fa-porsemoshaver", "fr-nouvellesdelorne", "hi-indoresamachar", "tr-sakaryagundem"},
}
# Round 11's sites (session 23), left out of the held figures for the same reason as round 2's; named and put in
# their parts by `_hashed_part` before a page was written (it gave 17 dev, 15 test; the names were chosen so that
# Urdu and Pashto have test sites, which round 10 lacked). Six sites have a second page with the same template
# (ar-tetouanalyawm, ur-mardankhabar, en-fernvalehelp in dev, ar-sidonnabd, ur-sukkurtimes, en-dunmoretimes in test).
ROUND_11 = {
    "dev": {"ar-istafsirna", "ar-jamiyatalbirr", "ar-koorasahel", "ar-mukallaalaan", "ar-muntadaalmusawwirin",
            "ar-tetouanalyawm", "en-fernvalehelp", "en-ridgewayclassifieds", "fa-anjomanbaghban", "fa-bazarchehonar",
            "ha-labaransokoto", "it-gazzettadelcilento", "ms-suaraterengganu", "ps-nangarharwaz", "sw-habarizadodoma",
            "ur-cricketzone", "ur-mardankhabar"},
    "test": {"ar-atbaranews", "ar-buraimialyawm", "ar-mudawwanatsuhail", "ar-sidonnabd", "ar-sohagnabd",
             "ckb-kerkukpress", "de-vogtlandbote", "en-brambleandbasil", "en-dunmoretimes", "fa-daftarchemahsa",
             "fa-sabzevarkhabar", "fr-courrierdulot", "ps-jalalabadkhabar", "ur-gharelunuskhe", "ur-sukkurtimes"},
}
# Round 12's sites (session 24), left out of the held figures for the same reason as round 2's; named and put in
# their parts by `_hashed_part` before a page was written (it gave 17 dev, 15 test; the names were chosen so that
# Urdu has 2, Pashto 1 and Arabic 5 test sites and every language with more than one site has sites in both parts).
# Six sites have a second page with the same template (ar-baqubaalyawm, ar-souqaldar, ur-cricketkhabar in dev,
# ar-jeninpress, fa-zanjanrooz, ur-rahimyarkhabar in test).
ROUND_12 = {
    "dev": {"ar-baqubaalyawm", "ar-fatawamuyassara", "ar-ghardaiapress", "ar-kulliyatalnoor", "ar-soharnews",
            "ar-souqaldar", "en-gearandgrainreviews", "en-longshoremagazine", "fa-daftarefanavari",
            "fa-farmandarisemnan", "id-kabarpalu", "ps-kunarkhabar", "pt-gazetadominho", "sd-larkanaawaz",
            "ur-cricketkhabar", "ur-kapraghar", "yo-iroyinibadan"},
    "test": {"ar-jeninpress", "ar-misratapress", "ar-muntadaalbannain", "ar-nouadhibouinfo", "ar-qanatalwaha",
             "en-ashbournecollege", "en-benchnotesreview", "es-heraldodeljucar", "fa-anjomankhodro", "fa-zanjanrooz",
             "ps-khostwaz", "so-wararkahargeisa", "tr-trabzonhaber", "ur-darulifta", "ur-rahimyarkhabar"},
}
# Round 13's sites (session 25), left out of the held figures for the same reason as round 2's; named and put in
# their parts by `_hashed_part` before a page was written (it gave 18 dev, 12 test; the names were chosen so that
# Urdu has 2, Pashto 1, Persian 1 and Arabic 5 test sites and every language with more than one site has sites in both
# parts). Six sites have a second page with the same template (ar-kassalaalyawm, fa-varzeshtabriz, ur-khyberchannel
# in dev, ar-jahraalaan, en-pickeringgazette, ur-cricketdunya in test).
ROUND_13 = {
    "dev": {"ar-kassalaalyawm", "ar-majallatlayal", "ar-oujdapress", "ar-sihhatuk", "ar-zahlealyawm",
            "ckb-halabjanews", "en-quillstackdocs", "en-saltandsaffron", "fa-forooshgahsafal", "fa-sheroghazal",
            "fa-varzeshtabriz", "ha-muryarkatsina", "ms-beritakuantan", "ps-paktiawaz", "sw-sautiyamwanza",
            "ug-qeshqerxewer", "ur-kalamnigar", "ur-khyberchannel"},
    "test": {"ar-jahraalaan", "ar-kairouanpost", "ar-nadialfursan", "ar-taizalaan", "ar-wizaratalzirai",
             "de-rhoenkurier", "en-pickeringgazette", "fa-khabargozarikish", "fr-echodubocage", "ps-laghmankhabar",
             "ur-cricketdunya", "ur-punjabnotice"},
}
# Round 14's sites (session 26), left out of the held figures for the same reason as round 2's; named and put in
# their parts by `_hashed_part` before a page was written (it gave 14 dev, 16 test; the names were chosen so that
# Urdu has 2, Pashto 1, Persian 1 and Arabic 5 test sites and every language with more than one site has sites in both
# parts). Six sites have a second page with the same template (ar-zarqanews, ur-bahawalpurtimes, en-deskbuddyhelp
# in dev, ar-qatifalyawm, ar-mosulnabd, en-millcreekcourier in test).
ROUND_14 = {
    "dev": {"ar-ibbnews", "ar-matjaralattar", "ar-sfaxpress", "ar-zarqanews", "en-deskbuddyhelp",
            "en-wanderlanternblog", "fa-ardabilkhabar", "fa-hamsayeblog", "fa-shirazemrooz", "id-warganusantara",
            "ps-helmandwaz", "ru-tambovvesti", "ur-bahawalpurtimes", "ur-chitralnama"},
    "test": {"ar-istisharatfiqhiyya", "ar-mosulnabd", "ar-mudawwanatnada", "ar-muntadaalsaydaliya", "ar-qatifalyawm",
             "de-altmarkbote", "en-brisketandbloom", "en-millcreekcourier", "es-vozdelbierzo", "fa-porsemanbashi",
             "fr-voixduquercy", "it-corrieredelsannio", "ps-paktikakhabar", "tr-erzurumpostasi", "ur-mashwaraghar",
             "ur-sargodhakhabar"},
}
# Round 15's sites (session 27), left out of the held figures for the same reason as round 2's; named and put in
# their parts by `_hashed_part` before a page was written (it gave 15 dev, 15 test; the names were chosen so that
# Arabic has 6, Urdu 2, Persian 2 and Pashto 1 test sites and every language with more than one site has sites in both
# parts). Six sites have a second page with the same template (ar-asyutpress, ur-gujranwalaakhbar, en-ledgerlyhelp
# in dev, ar-raskhaimahtoday, ar-nasiriyahnews, fa-kermanshahrooz in test).
ROUND_15 = {
    "dev": {"ar-asyutpress", "ar-fatawaalusra", "ar-jamiatalsharq", "ar-malaebalsharq", "ar-tarablusalyawm",
            "de-westerwaldblick", "en-brackenridgeherald", "en-ledgerlyhelp", "fa-tarhimagahi", "fa-yazdkhabar",
            "fr-gazettedulimousin", "ps-zabulkhabar", "sw-habarimwanza", "ur-gujranwalaakhbar", "ur-kabaarbazaar"},
    "test": {"ar-hadramoutalaan", "ar-kordofanpost", "ar-muntadaalmuzarein", "ar-nabeulinfo", "ar-nasiriyahnews",
             "ar-raskhaimahtoday", "en-oldmillforum", "en-tallpineswalks", "es-ecodelaalpujarra", "fa-ashpazkhanehsara",
             "fa-kermanshahrooz", "ps-nangarharzhagh", "tr-rizegundem", "ur-okaratimes", "ur-talabanotice"},
}
# Round 16's sites (session 28), left out of the held figures for the same reason as round 2's; named and put in
# their parts by `_hashed_part` before a page was written (it gave 14 dev, 16 test; the names were chosen so that
# Arabic has 6, Urdu 2, Persian 2 and Pashto 1 test sites and every language with more than one site has sites in both
# parts). Six sites have a second page with the same template (ar-sohartoday, ur-multanpost, en-bellwetherhelp in
# dev, ar-basrapulse, fa-sanandajkhabar, en-ashcombegazette in test).
ROUND_16 = {
    "dev": {"ar-fatawaalmuamalat", "ar-kooramaghrib", "ar-sohartoday", "ar-taizpress", "de-werkstattmarkt",
            "en-bellwetherhelp", "en-quarrytownnews", "fa-bandarabbasnews", "fa-safarnamehblog", "fr-depechedubearn",
            "ps-wardakghag", "pt-folhadoalgarve", "ur-dastarkhwanblog", "ur-multanpost"},
    "test": {"ar-basrapulse", "ar-damanhournews", "ar-hamaexpress", "ar-jamiatalwadi", "ar-muntadaalnahhalin",
             "ar-portsudanpost", "en-ashcombegazette", "en-gridironforum", "es-diariodelsegura", "fa-porseshkadeh",
             "fa-sanandajkhabar", "hi-bhopalsamachar", "ps-kandaharpost", "tr-ordugundem", "ur-sahiwalnews",
             "ur-taziyatnama"},
}
# Round 17's sites (session 29), left out of the held figures for the same reason as round 2's; named and put in
# their parts by `_hashed_part` before a page was written (it gave 14 dev, 16 test; the names were chosen so that
# Arabic has 6, Urdu 2, Persian 2 and Pashto 1 test sites and every language with more than one site has sites in both
# parts). Six sites have a second page with the same template (ar-mukallanabd, ur-jhelumnews, en-quillhavenhelp in
# dev, ar-sharjahalyawm, fa-gorganrooz, en-kestrelpointnews in test).
ROUND_17 = {
    "dev": {"ar-daleelalmusafir", "ar-kirkuknews", "ar-mukallanabd", "ar-sahatalmala3ib", "ar-tantanews",
            "en-quillhavenhelp", "en-saltmarshtimes", "fa-amlakyab", "fa-ilamrooz", "it-sagredelpiave",
            "ps-khostghag", "sw-sautiyadodoma", "ur-jhelumnews", "ur-sawaljawab"},
    "test": {"ar-annabapost", "ar-latakiapost", "ar-sharjahalyawm", "ar-tobrukpress", "ar-ubayyidnews",
             "ar-wasfatsitti", "de-kaffeetechnik", "en-kestrelpointnews", "en-linnetforum", "fa-gorganrooz",
             "fa-kashankhabar", "fr-questionsjardin", "id-beritapontianak", "ps-kunarwrangi", "ur-chitralawaz",
             "ur-larkanapost"},
}
ROUNDS = {2: ROUND_2, 3: ROUND_3, 4: ROUND_4, 5: ROUND_5, 6: ROUND_6, 7: ROUND_7, 8: ROUND_8, 9: ROUND_9,
          10: ROUND_10, 11: ROUND_11, 12: ROUND_12, 13: ROUND_13, 14: ROUND_14, 15: ROUND_15,
          16: ROUND_16, 17: ROUND_17}


def _hashed_part(site: str) -> str:
    """Round 6's split: the first byte of the site name's SHA-256, even -> dev, odd -> test."""
    return "dev" if hashlib.sha256(site.encode()).digest()[0] % 2 == 0 else "test"


def _site(doc: Labelled) -> str:
    return doc.name.split("/")[0]


def web_round(part: str, doc: Labelled) -> int:
    """The round that added the page's site (1: a site no later round names)."""
    return next((number for number, sites in ROUNDS.items() if _site(doc) in sites[part]), 1)


DEV = [d for d in load(WEB_PAGES / "dev") if web_round("dev", d) == 1]


def test_web_dev_recall_and_removal_hold() -> None:
    """Held where they stand (0.966 / 0.749 when the pages were added, 0.968 / 0.852 with the page's tail
    judged as a block, 0.996 / 0.877 once an article's own lead-in, its interview questions, its schedule
    and its named values stopped being taken for a box, a dateline or a menu): a change that eats more
    article text fails, and so does one that keeps every line. Issue 11 aims at recall >= 0.98 on set B."""
    recall, removal = score(DEV, ours(DEV))["all"]
    print(f"web-dev: content recall {recall:.3f}, chrome removed {removal:.3f}")
    assert recall >= 0.99
    assert removal >= 0.86


def test_the_parts_share_no_site_and_hold_every_kind_of_page() -> None:
    """Split by site, as the held-out corpus set is; 18 pages a part in round 1 and 16 in rounds 2 to 6, rounds 1
    to 4 with Arabic, English, French, Spanish, German and Persian in both parts (rounds 3 and 4 Urdu too,
    round 3 Italian), round 5 with Arabic (6 pages a part), Urdu, Persian, English and French in both; each
    part has a Persian page written with Arabic ي/ك, rounds 3 and 4 one each, round 5 one in each part;
    round 6 with Arabic, Persian, Urdu, English, Spanish and Indonesian in both parts, each site in the part the hash
    of its name gives; round 7 the same way (15 dev, 17 test), with Arabic, Persian, Urdu and English in both parts,
    French and Swahili in dev, Turkish, Portuguese, Dutch and Hindi in test, and its one Persian page written with
    Arabic ي/ك in dev; round 8 the same way (20 sites and 23 pages in dev, 12 sites and 14 pages in test), with
    Arabic, Persian, English, Bengali and Russian in both parts, Urdu, Italian, Turkish and Pashto in dev, Sorani
    Kurdish and Indonesian in test, and one Persian page written with Arabic ي/ك in each part; round 9 the same way (13
    sites and 16 pages in dev, 19 and 22 in test), with Arabic, Persian, Urdu and English in both parts, Russian,
    German, Spanish, Swahili and Sorani Kurdish in dev, French, Turkish and Indonesian in test, and one Persian page
    written with Arabic ي/ك in each part; round 10 the same way (17 sites and 20 pages in dev, 15 and 18 in test), with
    Arabic, Persian and English in both parts, Urdu (all four sites), Indonesian, Russian and Bengali in dev, German,
    Spanish, French, Hindi and Turkish in test, and its one Persian page written with Arabic ي/ك in dev; round 11 the
    same way (17 sites and 20 pages in dev, 15 and 18 in test), with Arabic, Persian, Urdu, Pashto and English in
    both parts (names chosen so that Urdu has 2 test sites and Pashto 1, which round 10 lacked), Italian, Malay,
    Swahili and Hausa in dev, French, German and Sorani Kurdish in test, and its one Persian page written with Arabic
    ي/ك in test; round 12 the same way (17 sites and 20 pages in dev, 15 and 18 in test), with Arabic, Persian, Urdu,
    Pashto and English in both parts (names chosen so that Urdu has 2 test sites, Pashto 1 and Arabic 5), Portuguese,
    Indonesian, Sindhi and Yoruba in dev, Spanish, Turkish and Somali in test, and its one Persian site written with
    Arabic ي/ك (two pages) in test; round 13 the same way (18 sites and 21 pages in dev, 12 and 15 in test), with
    Arabic, Persian, Urdu, Pashto and English in both parts (names chosen so that Urdu has 2 test sites, Pashto 1,
    Persian 1 and Arabic 5), Sorani Kurdish, Uyghur, Hausa, Swahili and Malay in dev, French and German in test;
    round 14 the same way (14 sites and 17 pages in dev, 16 and 19 in test), with Arabic, Persian, Urdu, Pashto and
    English in both parts (names chosen so that Urdu has 2 test sites, Pashto 1, Persian 1 and Arabic 5), Indonesian and
    Russian in dev, French, German, Spanish, Turkish and Italian in test, and its one Persian page written with Arabic
    ي/ك in dev; round 15 the same way (15 sites and 18 pages a part), with Arabic, Persian, Urdu, Pashto and English
    in both parts (names chosen so that Arabic has 6 test sites, Persian and Urdu 2, Pashto 1), French, German and
    Swahili in dev, Spanish and Turkish in test, and its one Persian page written with Arabic ي/ك in dev; round 16
    the same way (14 sites and 17 pages in dev, 16 and 19 in test), with Arabic, Persian, Urdu, Pashto and English
    in both parts (names chosen so that Arabic has 6 test sites, Persian and Urdu 2, Pashto 1), French, Portuguese
    and German in dev, Spanish, Turkish and Hindi in test, and its one Persian page written with Arabic ي/ك in dev;
    round 17 the same way (14 sites and 17 pages in dev, 16 and 19 in test), with Arabic, Persian, Urdu, Pashto and
    English in both parts (names chosen so that Arabic has 6 test sites, Persian and Urdu 2, Pashto 1), Italian and
    Swahili in dev, German, French and Indonesian in test, and its one Persian page written with Arabic ي/ك in dev."""
    parts = {part: load(WEB_PAGES / part) for part in ("dev", "test")}
    sites = {part: {_site(d) for d in docs} for part, docs in parts.items()}
    assert not sites["dev"] & sites["test"]
    for rounds in ROUNDS.values():
        assert rounds["dev"] <= sites["dev"] and rounds["test"] <= sites["test"]
    languages = {1: {"ar", "en", "fr", "es", "de", "fa"}, 2: {"ar", "en", "fr", "es", "de", "fa"},
                 3: {"ar", "en", "fr", "es", "de", "fa", "it", "ur"}, 4: {"ar", "en", "fr", "es", "de", "fa", "ur"},
                 5: {"ar", "en", "fr", "fa", "ur"}, 6: {"ar", "en", "es", "fa", "ur", "id"},
                 7: {"ar", "en", "fa", "ur"}, 8: {"ar", "en", "fa", "bn", "ru"}, 9: {"ar", "en", "fa", "ur"},
                 10: {"ar", "en", "fa"}, 11: {"ar", "en", "fa", "ur", "ps"}, 12: {"ar", "en", "fa", "ur", "ps"},
                 13: {"ar", "en", "fa", "ur", "ps"}, 14: {"ar", "en", "fa", "ur", "ps"},
                 15: {"ar", "en", "fa", "ur", "ps"}, 16: {"ar", "en", "fa", "ur", "ps"},
                 17: {"ar", "en", "fa", "ur", "ps"}}
    for part, docs in parts.items():
        for number, size in ((1, 18), (2, 16), (3, 16), (4, 16), (5, 16), (6, 16), (7, len(ROUND_7[part])),
                             (8, {"dev": 23, "test": 14}[part]), (9, {"dev": 16, "test": 22}[part]),
                             (10, {"dev": 20, "test": 18}[part]), (11, {"dev": 20, "test": 18}[part]),
                             (12, {"dev": 20, "test": 18}[part]), (13, {"dev": 21, "test": 15}[part]),
                             (14, {"dev": 17, "test": 19}[part]), (15, 18),
                             (16, {"dev": 17, "test": 19}[part]), (17, {"dev": 17, "test": 19}[part])):
            in_round = [d for d in docs if web_round(part, d) == number]
            assert len(in_round) == size, (part, number)
            assert languages[number] <= {d.language for d in in_round}, (part, number)
        assert all(any(k for k, _ in d.lines) and any(not k for k, _ in d.lines) for d in docs), part
        assert any(d.language == "fa" and "ي" in d.raw and "ی" not in d.raw for d in docs), part
        fifth = [d for d in docs if web_round(part, d) == 5]
        assert sum(d.language == "ar" for d in fifth) == 6, part
        assert sum(d.language == "fa" and "ي" in d.raw and "ی" not in d.raw for d in fifth) == 1, part
    assert all(_hashed_part(site) == part for rounds in (ROUND_6, ROUND_7, ROUND_8, ROUND_9, ROUND_10, ROUND_11,
                                                      ROUND_12, ROUND_13, ROUND_14, ROUND_15, ROUND_16,
                                                      ROUND_17)
               for part, names in rounds.items() for site in names)
    seventh = {part: [d for d in docs if web_round(part, d) == 7] for part, docs in parts.items()}
    assert {d.language for d in seventh["dev"]} == {"ar", "en", "fa", "ur", "fr", "sw"}
    assert {d.language for d in seventh["test"]} == {"ar", "en", "fa", "ur", "tr", "pt", "nl", "hi"}
    assert [d.name for d in seventh["dev"] + seventh["test"] if d.language == "fa" and "ي" in d.raw
            and "ی" not in d.raw] == ["fa-qazvinkhabar/01_alamut_tourism.txt"]
    eighth = {part: [d for d in docs if web_round(part, d) == 8] for part, docs in parts.items()}
    assert {_site(d) for part in eighth for d in eighth[part]} == ROUND_8["dev"] | ROUND_8["test"]
    assert {d.language for d in eighth["dev"]} == {"ar", "en", "fa", "ur", "bn", "ru", "it", "tr", "ps"}
    assert {d.language for d in eighth["test"]} == {"ar", "en", "fa", "bn", "ru", "ckb", "id"}
    assert [d.name for d in eighth["dev"] + eighth["test"] if d.language == "fa" and "ي" in d.raw
            and "ی" not in d.raw] == ["fa-gilankhabar/01_tea_harvest.txt", "fa-porseshnameh/01_mehriyeh.txt"]
    ninth = {part: [d for d in docs if web_round(part, d) == 9] for part, docs in parts.items()}
    assert {_site(d) for part in ninth for d in ninth[part]} == ROUND_9["dev"] | ROUND_9["test"]
    assert {d.language for d in ninth["dev"]} == {"ar", "en", "fa", "ur", "ru", "de", "es", "sw", "ckb"}
    assert {d.language for d in ninth["test"]} == {"ar", "en", "fa", "ur", "fr", "tr", "id"}
    assert [d.name for d in ninth["dev"] + ninth["test"] if d.language == "fa" and "ي" in d.raw
            and "ی" not in d.raw] == ["fa-hamedanrooz/01_alisadr_cave.txt", "fa-urmiakhabar/01_lake_water_level.txt"]
    twice = {_site(d) for part in ninth for d in ninth[part] if not d.name.split("/")[1].startswith("01_")}
    assert twice == {"ar-dammamalaan", "ar-ijabamufida", "ru-kubanvesti", "ar-karbalaalaan", "ur-lahoremirror",
                     "id-beritamakassar"}
    tenth = {part: [d for d in docs if web_round(part, d) == 10] for part, docs in parts.items()}
    assert {_site(d) for part in tenth for d in tenth[part]} == ROUND_10["dev"] | ROUND_10["test"]
    assert {d.language for d in tenth["dev"]} == {"ar", "en", "fa", "ur", "id", "ru", "bn"}
    assert {d.language for d in tenth["test"]} == {"ar", "en", "fa", "de", "es", "fr", "hi", "tr"}
    assert sum(d.language == "ar" for part in tenth for d in tenth[part]) == 14
    assert [d.name for d in tenth["dev"] + tenth["test"] if d.language == "fa" and "ي" in d.raw
            and "ی" not in d.raw] == ["fa-arakkhabar/01_carpet_weavers.txt"]
    twice = {_site(d) for part in tenth for d in tenth[part] if not d.name.split("/")[1].startswith("01_")}
    assert twice == {"ar-jubailnabd", "ur-sialkotnama", "en-toolshedanswers", "ar-minyanews", "fa-bushehrrooz",
                     "en-ridgefieldsentinel"}
    eleventh = {part: [d for d in docs if web_round(part, d) == 11] for part, docs in parts.items()}
    assert {_site(d) for part in eleventh for d in eleventh[part]} == ROUND_11["dev"] | ROUND_11["test"]
    assert {d.language for d in eleventh["dev"]} == {"ar", "en", "fa", "ur", "ps", "it", "ms", "sw", "ha"}
    assert {d.language for d in eleventh["test"]} == {"ar", "en", "fa", "ur", "ps", "fr", "de", "ckb"}
    assert sum(d.language == "ar" for part in eleventh for d in eleventh[part]) == 13
    assert len({_site(d) for d in eleventh["test"] if d.language == "ur"}) == 2
    assert [d.name for d in eleventh["dev"] + eleventh["test"] if d.language == "fa" and "ي" in d.raw
            and "ی" not in d.raw] == ["fa-daftarchemahsa/01_liteh_pickle.txt"]
    twice = {_site(d) for part in eleventh for d in eleventh[part] if not d.name.split("/")[1].startswith("01_")}
    assert twice == {"ar-tetouanalyawm", "ur-mardankhabar", "en-fernvalehelp", "ar-sidonnabd", "ur-sukkurtimes",
                     "en-dunmoretimes"}
    twelfth = {part: [d for d in docs if web_round(part, d) == 12] for part, docs in parts.items()}
    assert {_site(d) for part in twelfth for d in twelfth[part]} == ROUND_12["dev"] | ROUND_12["test"]
    assert {d.language for d in twelfth["dev"]} == {"ar", "en", "fa", "ur", "ps", "pt", "id", "sd", "yo"}
    assert {d.language for d in twelfth["test"]} == {"ar", "en", "fa", "ur", "ps", "es", "tr", "so"}
    assert sum(d.language == "ar" for part in twelfth for d in twelfth[part]) == 14
    assert len({_site(d) for d in twelfth["test"] if d.language == "ur"}) == 2
    assert len({_site(d) for d in twelfth["test"] if d.language == "ar"}) == 5
    assert [d.name for d in twelfth["dev"] + twelfth["test"] if d.language == "fa" and "ي" in d.raw
            and "ی" not in d.raw] == ["fa-zanjanrooz/01_knife_bazaar.txt", "fa-zanjanrooz/02_charoogh_workshops.txt"]
    twice = {_site(d) for part in twelfth for d in twelfth[part] if not d.name.split("/")[1].startswith("01_")}
    assert twice == {"ar-baqubaalyawm", "ar-souqaldar", "ur-cricketkhabar", "ar-jeninpress", "fa-zanjanrooz",
                     "ur-rahimyarkhabar"}
    thirteenth = {part: [d for d in docs if web_round(part, d) == 13] for part, docs in parts.items()}
    assert {_site(d) for part in thirteenth for d in thirteenth[part]} == ROUND_13["dev"] | ROUND_13["test"]
    assert {d.language for d in thirteenth["dev"]} == {"ar", "en", "fa", "ur", "ps", "ckb", "ug", "ha", "sw", "ms"}
    assert {d.language for d in thirteenth["test"]} == {"ar", "en", "fa", "ur", "ps", "fr", "de"}
    assert sum(d.language == "ar" for part in thirteenth for d in thirteenth[part]) == 12
    assert len({_site(d) for d in thirteenth["test"] if d.language == "ur"}) == 2
    assert len({_site(d) for d in thirteenth["test"] if d.language == "ar"}) == 5
    assert len({_site(d) for d in thirteenth["test"] if d.language == "fa"}) == 1
    twice = {_site(d) for part in thirteenth for d in thirteenth[part] if not d.name.split("/")[1].startswith("01_")}
    assert twice == {"ar-kassalaalyawm", "fa-varzeshtabriz", "ur-khyberchannel", "ar-jahraalaan",
                     "en-pickeringgazette", "ur-cricketdunya"}
    fourteenth = {part: [d for d in docs if web_round(part, d) == 14] for part, docs in parts.items()}
    assert {_site(d) for part in fourteenth for d in fourteenth[part]} == ROUND_14["dev"] | ROUND_14["test"]
    assert {d.language for d in fourteenth["dev"]} == {"ar", "en", "fa", "ur", "ps", "id", "ru"}
    assert {d.language for d in fourteenth["test"]} == {"ar", "en", "fa", "ur", "ps", "fr", "de", "es", "tr", "it"}
    assert sum(d.language == "ar" for part in fourteenth for d in fourteenth[part]) == 12
    assert len({_site(d) for d in fourteenth["test"] if d.language == "ur"}) == 2
    assert len({_site(d) for d in fourteenth["test"] if d.language == "ar"}) == 5
    assert len({_site(d) for d in fourteenth["test"] if d.language == "fa"}) == 1
    assert [d.name for d in fourteenth["dev"] + fourteenth["test"] if d.language == "fa" and "ي" in d.raw
            and "ی" not in d.raw] == ["fa-ardabilkhabar/01_sabalan_honey.txt"]
    twice = {_site(d) for part in fourteenth for d in fourteenth[part] if not d.name.split("/")[1].startswith("01_")}
    assert twice == {"ar-zarqanews", "ur-bahawalpurtimes", "en-deskbuddyhelp", "ar-qatifalyawm", "ar-mosulnabd",
                     "en-millcreekcourier"}
    fifteenth = {part: [d for d in docs if web_round(part, d) == 15] for part, docs in parts.items()}
    assert {_site(d) for part in fifteenth for d in fifteenth[part]} == ROUND_15["dev"] | ROUND_15["test"]
    assert {d.language for d in fifteenth["dev"]} == {"ar", "en", "fa", "ur", "ps", "fr", "de", "sw"}
    assert {d.language for d in fifteenth["test"]} == {"ar", "en", "fa", "ur", "ps", "es", "tr"}
    assert sum(d.language == "ar" for part in fifteenth for d in fifteenth[part]) == 14
    assert len({_site(d) for d in fifteenth["test"] if d.language == "ar"}) == 6
    assert len({_site(d) for d in fifteenth["test"] if d.language == "ur"}) == 2
    assert len({_site(d) for d in fifteenth["test"] if d.language == "fa"}) == 2
    assert [d.name for d in fifteenth["dev"] + fifteenth["test"] if d.language == "fa" and "ي" in d.raw
            and "ی" not in d.raw] == ["fa-yazdkhabar/01_qanat_zarch.txt"]
    twice = {_site(d) for part in fifteenth for d in fifteenth[part] if not d.name.split("/")[1].startswith("01_")}
    assert twice == {"ar-asyutpress", "ur-gujranwalaakhbar", "en-ledgerlyhelp", "ar-raskhaimahtoday",
                     "ar-nasiriyahnews", "fa-kermanshahrooz"}
    sixteenth = {part: [d for d in docs if web_round(part, d) == 16] for part, docs in parts.items()}
    assert {_site(d) for part in sixteenth for d in sixteenth[part]} == ROUND_16["dev"] | ROUND_16["test"]
    assert {d.language for d in sixteenth["dev"]} == {"ar", "en", "fa", "ur", "ps", "fr", "pt", "de"}
    assert {d.language for d in sixteenth["test"]} == {"ar", "en", "fa", "ur", "ps", "es", "tr", "hi"}
    assert sum(d.language == "ar" for part in sixteenth for d in sixteenth[part]) == 12
    assert len({_site(d) for d in sixteenth["test"] if d.language == "ar"}) == 6
    assert len({_site(d) for d in sixteenth["test"] if d.language == "ur"}) == 2
    assert len({_site(d) for d in sixteenth["test"] if d.language == "fa"}) == 2
    assert [d.name for d in sixteenth["dev"] + sixteenth["test"] if d.language == "fa" and "ي" in d.raw
            and "ی" not in d.raw] == ["fa-bandarabbasnews/01_lenj_boatbuilders.txt"]
    twice = {_site(d) for part in sixteenth for d in sixteenth[part] if not d.name.split("/")[1].startswith("01_")}
    assert twice == {"ar-sohartoday", "ur-multanpost", "en-bellwetherhelp", "ar-basrapulse", "fa-sanandajkhabar",
                     "en-ashcombegazette"}
    seventeenth = {part: [d for d in docs if web_round(part, d) == 17] for part, docs in parts.items()}
    assert {_site(d) for part in seventeenth for d in seventeenth[part]} == ROUND_17["dev"] | ROUND_17["test"]
    assert {d.language for d in seventeenth["dev"]} == {"ar", "en", "fa", "ur", "ps", "it", "sw"}
    assert {d.language for d in seventeenth["test"]} == {"ar", "en", "fa", "ur", "ps", "de", "fr", "id"}
    assert sum(d.language == "ar" for part in seventeenth for d in seventeenth[part]) == 13
    assert len({_site(d) for d in seventeenth["test"] if d.language == "ar"}) == 6
    assert len({_site(d) for d in seventeenth["test"] if d.language == "ur"}) == 2
    assert len({_site(d) for d in seventeenth["test"] if d.language == "fa"}) == 2
    assert len({_site(d) for d in seventeenth["test"] if d.language == "ps"}) == 1
    assert [d.name for d in seventeenth["dev"] + seventeenth["test"] if d.language == "fa" and "ي" in d.raw
            and "ی" not in d.raw] == ["fa-ilamrooz/01_oak_forest_drought.txt"]
    twice = {_site(d) for part in seventeenth for d in seventeenth[part] if not d.name.split("/")[1].startswith("01_")}
    assert twice == {"ar-mukallanabd", "ur-jhelumnews", "en-quillhavenhelp", "ar-sharjahalyawm", "fa-gorganrooz",
                     "en-kestrelpointnews"}
    for number in (3, 4):
        in_round = [d for part, docs in parts.items() for d in docs if web_round(part, d) == number]
        assert sum(d.language == "fa" and "ي" in d.raw and "ی" not in d.raw for d in in_round) == 1, number
