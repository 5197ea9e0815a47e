"""Words that are never keywords on their own, English and Spanish, as people write them in comments.

``FUNCTION_WORDS`` are grammar (articles, pronouns, auxiliaries, prepositions, conjunctions); they are dropped
even from hashtags. ``FILLER`` are words every comment has that say nothing about its subject: greetings,
politeness, laughter, interjections, generic verbs and intensifiers; a hashtag made of one is still kept.
Accented words are listed with their accents; the unaccented spelling is added at import.
"""

FUNCTION_WORDS_EN = """
a about above after again against all am an and any are aren't arent as at be because been before being below
between both but by can can't cant cannot could couldn't couldnt did didn't didnt do does doesn't doesnt doing
don't dont down during each either else ever every few for from further had hadn't hadnt has hasn't hasnt have
haven't havent having he he'd he'll he's hed hell hes her here here's heres hers herself him himself his how
how's hows i i'd i'll i'm i've id ill im ive if in into is isn't isnt it it'd it'll it's itd itll its itself
just let's lets may me might mine more most must mustn't my myself neither no nor not now of off on once only
or other ought our ours ourselves out over own per same shall shan't she she'd she'll she's shed shes should
shouldn't shouldnt so some such than that that's thats the their theirs them themselves then there there's
theres these they they'd they'll they're they've theyd theyll theyre theyve this those though through thru
to too under until up upon us very was wasn't wasnt we we'd we'll we're we've wed well were weren't werent
weve what what's whats when when's whens where where's wheres whether which while who who's whom whos whose
why why's whys will with within without won't wont would wouldn't wouldnt y'all yall yet you you'd you'll
you're you've youd youll your youre yours yourself yourselves youve u ur r ya yo gonna wanna gotta lemme
gimme kinda sorta dunno tho cuz coz bc b4 w/ w/o vs etc also even still already yet ago much many lot lots
one ones two three another anything something nothing everything someone anyone everyone nobody somebody
anybody everybody thing things stuff way ways bit kind sort type never always ever sometimes often
again around almost maybe perhaps
"""

FUNCTION_WORDS_ES = """
a al algo alguien algún alguna algunas alguno algunos allá allí ante antes aquel aquella aquellas aquellos
aquí así aun aún aunque cada casi como cómo con contra cual cuál cuales cuáles cualquier cuando cuándo cuanto
cuánto cuanta cuánta cuantos cuántos cuantas cuántas de del desde donde dónde dos durante e el él ella ellas
ellos en entre era eran eres es esa esas ese eso esos esta está están estaba estaban estamos estar estas estás
este esté esto estos estoy fue fueron fui ha había habían han has hasta hay he hemos la las le les lo los más
mas me mí mi mis mía mío muy nada ni ningún ninguna ninguno no nos nosotras nosotros nuestra nuestras nuestro
nuestros o os otra otras otro otros para pero poco por porque qué que quien quién quienes quiénes se sé sea
ser si sí sido sin sino sobre sois somos son soy su sus suya suyo también tambien tampoco tan tanto te
tendrá tenemos tener tengo ti tiene tienen toda todas todo todos tu tú tus tuya tuyo u un una unas uno unos
usted ustedes va vamos van vas vos vosotras vosotros y ya yo q k xq pq porq x d pa pal xa tb tmb tmbn ke
toy tas ta ahí ahora luego después despues entonces pues bueno igual solo sólo mismo misma además ademas
mientras donde siempre nunca jamás jamas aqui alla ahi cosa cosas algo vez veces todavía aún
siquiera casi quizás quizas
"""

FILLER_EN = """
hi hey hello hiya yo hii heyy dear guys folks team admin everyone friends friend please pls plz thanks thank
thx ty tysm thankyou welcome sorry ok okay k kk yes yeah yep yup yea no nope nah sure maybe lol lmao lmfao
rofl haha hahaha hehe omg wow woah whoa oh ah uh um umm hmm hm ugh ew eww yay yikes damn wtf idk imo imho
tbh btw fyi asap pls really actually literally totally definitely absolutely honestly seriously basically
super so soo sooo quite pretty rather just like love loved loving want wanted wanting need needed get got
getting gets go going goes went gone come came coming comes make made making take took taking give gave
know knew think thought say said tell told ask asked see saw seen look looking looks looked try tried trying
use used using find found keep kept let put feel felt seem seems mean means hope hoping wish wait waiting
check checking help please thing today tomorrow yesterday tonight now day days time times week weeks
morning night year years guys guy man dude bro sis girl girls lady people someone something anything
good great nice best better cool awesome amazing happy glad excited sad bad able able back again first last
next new old big small little
"""

FILLER_ES = """
hola holi holaa buenas buenos buen días dias tardes noches saludos gracias muchas mil porfa porfavor favor
xfa plis pls disculpa disculpe perdón perdon oye oigan ok okey oki vale dale sí si claro jaja jajaja jeje
jejeje jiji jsjs xd wow uff ay ah eh uy ups bueno pues cierto verdad neta osea tipo literal mira
miren quiero quisiera quería queria necesito tengo tener tiene tienen hacer hace hacen hizo hice pueden
puede puedo poder saber sé sabe saben decir dice dicen dijo ver veo vi ir voy fui dar da dan dio estar
estoy está estaba sigue seguir llegar pasar pasa pasó paso poner pone quedar queda gustaría gustaria gusta
encanta encantó amo hoy mañana manana ayer ahora día semana semanas mes año ano tiempo vez
chicos chicas amigos amigas amiga amigo gente alguien señor senor señora senora muchachos bien mal muy
mucho mucha muchos muchas súper super re bastante demasiado todo nada
"""
