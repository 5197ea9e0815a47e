"""Weighted cues for inbox intent classification, English and Spanish.

Layout: ``CUES[language][intent][weight]`` is a comma-separated list of cue specs. A spec is lowercase
words and spaces; ``(a|b)`` expands to alternatives (an empty alternative makes the group optional) and a
trailing ``*`` matches any word that starts with the spec. Accents, apostrophes and hyphens are folded away
at compile time exactly as in the text, so write cues the way people spell them; letters a comment stretches
("sooo", "gooood") are squeezed before a second look, so cues need no stretched spellings. Language ``"*"``
holds cues shared by both languages (loans such as "info", "dm", "wow"). The compiler rejects a cue with
characters the folded text never keeps.

Weights: ~0.5 "a hint", ~1 "alone, probably", 2 "alone, clearly", 3 "this settles it". An intent fires at
1.0 (spam at 1.5); confidence grows with the summed weight and shrinks with conflicting intents. Cues are
matched left to right, longest first, without overlap, so a longer cue overrides the cues inside it
("no thanks" hides "thanks", "not working" hides "working", "my order" hides "order"), and a cue said twice
counts once.
"""

CUES: dict[str, dict[str, dict[float, str]]] = {
    "en": {
        "purchase_intent": {
            3.0: """
                (want|need|wanted|needed) (it|this|one|these|them|that|those) so (bad|badly|much),
                (is|are) (it|this|these|they|that| those) sold (in|at|online|anywhere|only), sold in
                stores, (ordering|buying) (one|some|it|this|these|them|a few|a couple)
                (for|asap|now|today|tomorrow|right now|as a gift|as gifts|), (a|any) table for, table
                for (one|two|three|four|five|six| seven|eight|ten|1|2|3|4|5|6|7|8|9|10|12),
                (dm|send|text|message|pm) us (the|your)
                (price|prices|pricing|details|info|link|menu|catalog), (dm|send) us
                (price|prices|info|details), cheapest
                (plan|option|one|package|price|membership|tier|size), (do|can|will) (you|yall|u|you
                guys) do (catering|events|parties|weddings|custom orders|custom|deliveries|private
                events|corporate), too late to (order|buy|book|preorder|pre order|get one|reserve|sign
                up), still preorder, (can|could) i still (order|preorder|pre order|buy|book|get), wen
                restock, when restock, restock when, (need|want|wanna) (2|3|4|5|6|10|12|two|three)
                (asap|now|pls|please|), 4 the, for the (black|white|red|blue|pink|green|mini|
                big|small|large|gold|silver) one,
                take my money, shut up and take, i (want|wanna|need|would like|d like|am looking|m looking) to (buy|
                order|purchase|book|preorder|pre order|get one|get some|get a few), (want|wanna|looking|planning|trying|
                dying|hoping) to (buy|order|purchase|preorder|get one), where (can|could|do) (i|we|you) (buy|order|
                purchase|get one|get it|get this|get these|get them| grab one|shop|find one|find it|find these|find
                them|get my hands on), where to (buy|order|purchase|get one|get it|get this|get these|find it|find one),
                how (can|do|would|could|should) (i|we) (buy|order|purchase|book|reserve|preorder|pre order| sign up|
                subscribe|get one|get it|get this|get these|get them|get my hands on|pay|place an order), how to (buy|
                order|purchase|preorder|pre order|book|get one), (ill|i will|we will|well|id|i would|we would|im gonna|
                gonna) (take|buy|order|grab) (it|this|one|two| three|them|these|that|some), (ill|gonna|i will|we will)
                get (one|two|some|it|this|these), (can|could|may) (i|we) (order|buy|purchase|book|reserve|preorder|pre
                order|place an order| get one|get two|have one|have two|get a|get the|have a|have the), (place|make|put
                in) (an|my|a) order, add (it|this|them|) to (my|) cart, i (want|need|would like|d like|wanna) (one|two|
                three|four|five|this one|that one|these|a couple| a dozen|a box|a bottle|a set|a pair|the large|the
                small|the medium|a large|a small|a medium), sign me up, shopping for, in the market for, interested in
                (buying|ordering|purchasing| getting one|booking|your services|your products|a quote|the course|the
                plan|this|these|it), (send|dm|pm|inbox|text|message|email) me (the|your|) (price|prices|pricing|price
                list|catalog| catalogue|rates|quote|payment link|order link|link to buy|details), dm (the|) price, pm
                (the|) price, price (please|pls|plz|in dm|check|list please), how much (is|are|for|does|do|would|will|
                to|it|this|that|these|the|shipping|delivery|per|each), what (is|s|are|re) (the|your) (price|prices|cost|
                rate|rates|fee|fees|pricing), whats (the|your) (price|prices|cost|rate|rates|pricing), (is|are) (it|
                this|these|they|that|those|there any) (still|) (available|in stock|for sale), still (available|for sale|
                in stock), back in stock, when (will|is|are) (it|this|they|these) (be|) (back in stock|restocked|
                available to buy|for sale), do you (ship|deliver) (to|internationally|worldwide|abroad|overseas|outside|
                nationwide|here), do you (sell|ship|deliver|take orders|do deliveries|do delivery|do wholesale), (can|
                do|will) you (ship|deliver) (it|this|them|to), (need|want|looking for) a (quote|price|estimate), get a
                (quote|price|estimate), request a quote, wholesale, bulk (order|orders|pricing|discount|buy|purchase),
                preorder, pre order, preorders, book (a|an|my|the|one|two) (table|appointment|session|class|room|tour|
                trip|slot|consultation| demo|call|spot|seat|lesson|massage|haircut|facial|treatment|visit|stay|
                reservation|trial|cut), make a (reservation|booking|appointment), are you (taking|accepting) (orders|
                bookings| reservations|appointments|new clients|new customers|commissions), (do|can) you (take|accept)
                (card|cards|credit card|credit cards|paypal|cash|apple pay|klarna| afterpay|venmo|zelle|crypto|debit|
                amex|mastercard|visa), (pay|paying) (with|by|in) (card|cash|paypal|installments|credit|debit|klarna|
                afterpay|venmo|zelle), i m interested, im interested, i am interested, we re interested, were
                interested, very interested, so interested, where can i get (one|it|this|these|them|mine|a), ready to
                (buy|order|purchase|book|sign up|pay|checkout), (need|want|take|get|order|buy) (2|3|4|5|6|10|12|two|
                three|four|five|a few|some|more) (of these|of those|of them|of this|of the|boxes|bottles|packs| pairs|
                units|more|asap|please), become a member, (how do i|how can i|can i|how to|i want to|i d like to|id like
                to) (join|become a member|become a client|become a customer|get started|enroll|enrol), join the
                (waitlist|wait list| waiting list|club|membership|program|gym|class), add me to the (waitlist|wait list|
                waiting list|list), any (openings| availability|slots|spots|appointments|tables|rooms) (for|this|next|
                on|left|today|tomorrow|tonight|available|), (other|another|different) (colors|colours|color|colour|
                sizes|size|flavors|flavours|styles), come in other, how many (left|in stock|do you have), still selling,
                is there (a|an|any) (family|group|student|senior|couples|kids|child|monthly|annual|yearly|corporate|
                bulk| wholesale|weekend|weekday|season|day) (package|plan|discount|rate|pass|membership|ticket|tickets|
                deal|price|pricing|option), (family|group|student|senior|couples|monthly|annual|yearly|corporate|season|
                day) (package|packages|plan|plans|discount| rate|rates|pass|passes|membership|memberships|deal|deals|
                pricing), do you offer (financing|payment plans|installments| layaway|gift cards|delivery|shipping|
                discounts|packages|memberships|a discount|a payment plan), (annual|yearly|monthly|quarterly) (billing|
                plan|plans|subscription|pricing|option|payment), billing (option|options| cycle|annually|yearly|
                monthly), (billed|pay|paying) (annually|yearly|monthly|upfront), (wed|we would|we d) like (a|to|one|two|
                the| some|more|your), (send|give|prepare) (us|me) a (proposal|quote|quotation|estimate|price|budget),
                hire you, hire your, (request|get|need|want) a proposal, your (rates|fees|pricing|services|packages),
                (is|are) the (sale|promo|promotion|offer|discount|deal|deals|code|coupon|special|bogo) still (on|valid|
                going| available|running|active|happening|live), still on sale, (schedule|book|arrange|set up|request) a
                (viewing|tour|visit|showing|call|meeting|consultation|demo| appointment|test drive|fitting|tasting|trial
                class), would love to (order|buy|book|schedule|try|get|visit|have|purchase| sign up|join|see the|see it|
                view), (your|the) (best|lowest|final|cash|out the door) (price|prices|deal|offer|rate), best (price|
                deal|offer) (on|for), lowest price, out the door price, cash price, (are|is) (there|) (tickets|seats|
                spots|tables| rooms|slots) (still|) (available|left), any tickets left,
            """,
            2.0: """
                cheapest, cheaper option, most affordable, least expensive, catering, next drop, the
                next drop, gift wrapped, gift wrap, gift wrapping,
                price, prices, pricing, price list, price range, how much, cost, costs, quote, quotation, for sale, in
                stock, restock*, available in (size|sizes|black|white|red|blue|green|pink|grey| gray|other colors|other
                colours|other sizes|xl|xxl|large|small|medium), (does|do|will) (it|this|these|they) come in, what
                (sizes|colors|colours|flavors|flavours) (do|are), which (sizes|colors|colours), size (chart|guide), (do|
                will) you have (this|it|these|them|those|that| one|more|other) (in|left|available|in stock), do you have
                (it|this|these|them|those) in, do you (carry|stock|sell|make) (this|these|it|them|that), shipping (cost|
                costs|fee|fees|price|rate|rates|options|charges|included), (free|international|same day|next day|
                express|local) (shipping|delivery), payment (options|methods|plans|plan|link), installment*,
                instalment*, layaway, financing, discount code, promo code, coupon*, (is|are) there (a|any) (discount|
                sale|promo|coupon|deal|offer), any (discounts|deals|sales|promos|coupons|offers|promotions) (on|for|
                available|going on|right now|), link to (buy|order|shop|purchase|the product|the shop|the store|the
                website|your shop|it), (send|share|drop|give) (me|us|) (the|a) link, where is the link, link please,
                link pls, order online, order for (pickup|delivery|collection|tomorrow|today), available for (pickup|
                curbside|takeaway|takeout|delivery|purchase), takeout order, to go order, want one, need one, i want it,
                i need it, (i|we) (want|need|wanted) (this|that|them|those|these), need this in my life, gimme, i ll
                buy, gonna buy, will buy, buying one, buying this, buying these, free trial, (start|try) (a|the|my)
                (free|) trial, upgrade (to|my plan|my account), book (now|online|in|with you|an appointment|
                appointments), booking (link|page|site|online), reserve (a|an|one|two|my|the) (table|spot|seat|seats|
                room|copy|one), gift card*, gift certificate*, subscribe to (your|the) (plan|box|service|membership),
                membership (price|cost|fee|options), interested, how many for, minimum order, order minimum, openings,
                waitlist, wait list, waiting list, postage, stockist, stockists, retailer, retailers, curbside, pickup,
                near me, custom order, custom orders, commission, commissions, sold where, where is it sold, carry it,
                restocked, ship internationally, how much shipping, proposal, work with you, your services, budget for,
            """,
            1.5: """
                plans, packages, models, finance, pricing options, the 2021 model, looking at the,
                buy, buying, purchase, purchasing, to order, can i get, can we get, i ll have, id like, i d like, i
                would like, shipping, ship to, deliver to, delivery to, deliver here, catalog*, brochure, sizes, stock,
                reservation, reservations, reserve, appointment, appointments, booking, bookings, sign up, enroll,
                enrol, enrolment, enrollment, register for, registration, demo, estimate, subscription, subscribe, dm
                price, inbox me, where to get, how can i get, sell me, selling, availability, tickets, ticket price,
                deposit, checkout, rates, fee, fees, tuition, cart
            """,
            1.0: """
                available, discount, discounts, deal, deals, promo, promos, offer, offers, cheaper, affordable, afford,
                size, colors, colours, variants, bundle, bundles, combo, combos, trial, package deal, get one, paypal,
                invoice, rsvp, book, shop online, want, add me, asap, of these, of those, ship, ships, in store, last
                one, comes in, still on,
            """,
            0.5: """
                want, need, wanna, delivery, deliveries, sale, sales, shop, store, pay, payment, menu, pick up, order,
                orders, ordering,
            """,
            0.8: """
                id like, i d like, i would like
            """,
            2.5: """
                (get|buy|book|grab|reserve|purchase) (tickets|a ticket|seats|passes|a pass),
                (get|buy|book) (my|the|our|two|2) tickets, (is|are) (it|this|these|they|that) sold out,
                (one|ones|color|colour|size|style|model) sold out, sold out for good, coming back in
                stock, (id|i would|i d|would) (buy|order) (this|it|one|these|them), id totally buy,
                would buy, (spots|spot|seats|places) (left|available|open)
                (in|on|for|this|next|tomorrow|tonight|the), still (spots|spot|seats|room|space), id
                order, i d order, would order,
                (travel|vacation|holiday|tour|honeymoon|wedding|party|birthday|spa|all
                inclusive|cruise|ski) (package|packages|deals), are there still
                (spots|seats|tickets|tables|rooms|places|openings|slots|spaces|appointments|spots left),
                (how much|what) (would|will|does|do) it cost,
                (internet|phone|data|mobile|cell|family|unlimited|business|premium|basic|pro)
                (plan|plans), (switch|change|upgrade|move) to your
                (plan|service|internet|company|network|provider|premium|pro), sign up for your,
                (hardcover|hard cover|paperback| ebook|audiobook|signed copy|first edition|vinyl|large
                print), (petite|plus|tall|small|medium|large|big|bigger|smaller|
                kids|toddler|youth|adult|womens|mens|wide|narrow|xs|xl|xxl|2xl|3xl|extended|half)
                (size|sizes|sizing), (pick|picking) (it|this|them|one|these|that|mine|my order) up,
                (can|could) i pick up, (curbside|in store|same day|local) pickup, trade in, trade my,
                lease, leasing, cost to (repair|fix|replace|install|ship|
                remove|clean|service|paint|build|make), (quote|estimate) for, do you finance, finance
                (it|a|the|options|plan|plans), gift set, gift sets, gift box, gift boxes, (in|size)
                (womens|mens|women s|men s|kids|youth) (size|sizes|1|2|3|4|5|6|7|8| 9|10|11|12|13),
                buying the, about buying, about ordering,
                (ordering|buying|getting|grabbing|order|buy|get|grab) (2|3|4|5|two|three|four|another|one more|more|a
                few|a couple|another one) (more|of these|of those|for|please|now|asap|)
            """,
        },
        "question": {
            2.0: """
                quick question, question for you, i have a question, got a question, just wondering, i was wondering,
                was wondering, does anyone know, anyone know, can anyone tell me, can someone (tell|explain|help|
                confirm), could you (tell|explain|confirm|let me know|clarify), is there a way, is it possible, what
                time (do|does|is|are|will), opening hours, open hours, (are|r) you (open|closed) (on|today|tomorrow|
                tonight|now|this|during|for|late), what are your (hours|opening hours|hours of operation), how long does
                (it|shipping|delivery), how does (it|this|that) work, how do (i|you|we) (use|reset|change|contact|get
                to|find| know|apply|join|register|update|connect|install|set up|setup|log in|login|redeem|enter|make|
                clean)
            """,
            1.5: """
                question, questions, wondering, curious, any idea, any ideas, any update, any news, anyone (tried|know|
                knows|who), let me know, please advise, please confirm, can you confirm, can you tell me, could you tell
                me, help me (understand|figure|with|out), need help, need some help, how to, how do, how does, how can,
                how long, how many, how often, how far, what time, which one, is it (safe|suitable|gluten free|vegan|
                halal|kosher|dairy free|waterproof|compatible|possible| worth|okay|ok|good for|open|pet friendly|dog
                friendly|kid friendly|wheelchair), do you (have|offer|allow|accept|do|make|provide|open|close|deliver
                on|work|support|need|know|plan), are (you|there) (open|any|still), does (it|this|that|the|your) (work|
                come|have|include|fit|need|support|contain|require|ship), where (are|is) (you|your|the) (located|
                location|store|shop|office|restaurant|place|based|studio), where are you, when (is|are|will|do|does|did|
                can|should), explain, clarify, details please, more details, info on, information about, recipe,
                ingredients, allergens, parking, wifi, requirements, required, necessary, recommendations, suggestions,
                does it work for, remind me, exchange for, exchange it, swap for, what size should, which size should,
            """,
            1.0: "hours, location, located, address, directions, open on, open today, open tomorrow, tutorial, eta",
            0.6: "help, when, what, how, why, where, which, who, whats, hows, whens, wheres",
            0.4: "please, pls, plz",
            3.0: """
                available (on|for) (android|ios|iphone|ipad|tablet|tablets|mac|windows|pc|linux|apple
                tv|smart tv|kindle), (is|are)
                (it|they|the|reservations|tickets|deposits|deposit|bookings|classes|fees) refundable,
                refundable, (warranty| insurance|guarantee|plan) (cover|covers|include|includes|apply),
                (does|do|will) (the|your) (warranty|insurance|guarantee|policy) (cover|include),
                (kid|kids|child|children|family|pet|dog|wheelchair|budget|eco|baby|stroller) friendly,
                what (camera|lens|filter|app| phone|editor|preset|presets|mic|microphone|software)
                (do|did|are|is) (you|u), inside or outside, indoor or outdoor, (is|are) there a dress
                code,
                (do|would) (i|we|you) (need|have) to (book|reserve|make a reservation|pay|bring|register|sign up|order|
                buy|call|wear|print|show), is (a|an|the) (reservation|booking|registration|deposit|appointment|ticket|
                id) (required|needed|necessary|mandatory), is it necessary to, do you need (a|an) (reservation|booking|
                appointment), (can|could) you recommend, what do you recommend, any recommendations, which (one|do you)
                (recommend|suggest), what (are|is) the requirements, (does|do|will) the (price|prices|cost|fee|fees|
                rate|rates|ticket|tickets|package|plan|membership) include, (price|prices|cost) include, is (tax|
                shipping|delivery|breakfast|parking|tip|gratuity|vat) included, is it too late, too late to (sign up|
                register|join|book|order|apply|enroll|enter|buy), true to size, (run|runs|running|fit|fits) (small|
                large|big|true|tight|loose), (can|could|how do|how can) (i|we) (exchange|return|swap|change) (it|this|
                them|the|for|my), late (checkout|check out|check in|checkin), early (check in|checkin| checkout|check
                out), open late, late hours, (is|are) the (discount|code|coupon|promo|offer|price|voucher) (applied|
                valid|automatic|automatically|taken off| included), do i need a (code|coupon|voucher|promo code|discount
                code), quick q, (do|does) (the|these|this) (candles|shoes|clothes|product|products|
                item|items|pieces|bags|jeans|shirts|cups|plates|plants|classes|tickets| rooms|one|ones) (come|have|
                include|fit|work|need|run|last),
            """,
        },
        "complaint": {
            0.8: """
                twice, support keeps, keeps sending, supposedly,
            """,
            2.5: """
                is a joke, (completely|totally|way|all|so) off, (got|received|sent me|they sent|you
                sent) (a|an) used, used item, hair (on|in) (it|my|the), half empty, not ok, not okay,
                not acceptable, stopped (charging|working|turning|holding|heating|
                cooling|syncing|connecting|loading|responding), arrived
                (opened|open|broken|damaged|crushed|late|dead|wilted|melted| leaking|empty), dead on
                arrival, is this how you treat, how you treat (your|me|us|customers|loyal), came
                without, (keep|keeps|kept) giving (you|you guys|yall|them) (chances|another chance|a
                chance), still (get|getting| see|seeing|have|having|receive|receiving)
                (ads|charged|emails|calls|spam|the same|errors|error), out of order, tasted like, tastes
                like (soap|dish soap|chemicals|plastic|nothing|cardboard|metal|medicine|smoke|burnt),
                smelled like, smells like
                (smoke|smoke|cigarettes|mold|mould|sewage|urine|pee|feet|garbage|trash|bleach|chemicals),
                thanks for (nothing|cancelling|canceling|ruining|wasting|ignoring|the runaround|leaving
                me), thx for (nothing|cancelling|canceling| ruining|wasting|ignoring), tf is this, wtf
                is this, messed up my, ruined my, died (in|after|within|the next|overnight), broke out,
                breakout, breakouts, (scratched|dented|damaged|broke|ruined|
                stained|lost|burned|burnt|cut) my
                (car|bag|phone|hair|skin|nails|shirt|dress|package|laptop|order|luggage|suitcase),
                laughed it off, laughed at (me|us),
            """,
            3.0: """
                (logs|logged|logging|kicks|kicked|kicking|signs|signed|throws) me out, says delivered,
                marked (as|) delivered, shows delivered, (but|and) (its|it s|it is|it was|they
                are|theyre) not here, never got it, never got them, downhill, love (paying|waiting|being
                charged|getting charged|spending|being ignored|being left) , love how (nobody|no
                one|you|your|it) (never|still|always|cant|didnt|doesnt|keeps|keep), asked for no, stuck
                in (customs|transit|processing|limbo), stuck (on| at) (processing|pending|the
                same|shipped|in transit), nobody told (me|us), no one told (me|us), without (any|)
                (notice| warning), after (a|one|two|three|1|2|3|the first)
                (use|uses|wash|washes|wear|wears|wash), first wash, came apart, fell apart, bring back
                the old, no explanation, without (any|an|) explanation, zero
                (communication|help|response|responses|support|stars|customer service|follow
                up|updates|accountability), (give|gave|giving) (zero|0|no|negative|one|1) stars,
                (last|final) time (i|we)
                (order|ordered|buy|bought|shop|shopped|come|came|visit|visited|eat|ate|use|used|book|booked|fly|flew),
                going in and out, keeps (dropping|cutting out|disconnecting|going out|going down|cutting
                off|turning off|losing), (nobody|no one|noone) (can|could|knows|knew|will|would|seems
                to|is able|was able|tells|told), (what s|whats|what is) the point, why (do|does|
                should|must) (i|we|customers|people) (have|need) to, how hard is it, is it too much to
                ask, (i|we) specifically (asked| said|requested|ordered|told), (i|we) clearly
                (asked|said|requested|ordered|told|stated), (didnt|dont|wont|wouldnt| refused to|refuse
                to|did not|do not|will not) (honor|honour|respect|accept|let me|let us|give me|give us),
                made (me|us) wait, kept (me|us) waiting, lost my, lost our, still no, pages missing,
                with (pages|parts|pieces|items|buttons) missing, (wrong|incorrect)
                (charge|bill|amount|address|order|item|size|change), (my|our) (bill|invoice|payment)
                (went up| increased|doubled|is wrong|was wrong), (went|gone) up (with|without),
                (gave|give|giving) (me|us|him|her|my) (a rash| blisters|hives|a headache|food
                poisoning|a stomach ache), on the first day, after one day, first time (using|wearing|i
                used|i wore),
                refund*, money back, my money, scam, scammed, scammers, scamming, rip off, ripoff, ripped off, fraud,
                fraudulent, fraudsters, worst, never (arrived|came|received|got|showed up|delivered|shipped| responded|
                replied|answered|heard back|again|coming back|going back|ordering again|buying again| buying from|
                ordering from|got a reply|got a response|got my), has not (arrived|come|shipped|been delivered|been
                shipped|been refunded), hasnt (arrived|come|shipped|been delivered|been shipped|been refunded|been
                resolved|been fixed), havent (received|got|gotten|heard|been refunded|been contacted|had a response|had
                a reply), have not (received|got|gotten|heard|been refunded|been contacted), didnt (arrive|receive|get|
                come|show up|work|deliver|respond|reply|answer|get a refund), did not (arrive|receive|get|come|show up|
                work|deliver|respond|reply|answer), still (waiting|not arrived|hasnt|havent|no response|no reply|no
                answer|no refund|no word| nothing|no sign|not working|doesnt work|broken|not fixed|no news|not here|not
                received| not delivered|no update|no tracking|charging me|havent received), where (is|s) my (order|
                package|parcel|refund|money|delivery|food|item|items|stuff|purchase), wheres my (order|package|parcel|
                refund|money|delivery|food|item|items|stuff|purchase), charged (me|us) (twice|double|two times|three
                times|again|without|for something|for nothing), (double|triple) charged, charged twice, overcharged,
                unauthorized (charge|charges|payment), (want|need|demand) (a|my) refund, (want|need|demand) my money,
                (do not|don t|dont|would not|wouldnt|will not|wont|never) (recommend|buy from|order from| waste your|
                bother|trust|go there|shop here|shop there|buy again|order again|be back|return|be ordering|be buying|be
                returning|be coming back), waste of (money|time), false advertising, food poisoning, got (sick|food
                poisoning|ill), not what i (ordered|paid for|asked for|expected), not as (described|advertised|pictured|
                shown), wrong (order|item|items|size|color|colour|product|address|charge|amount|food|dish|drink),
                (stopped|quit) working, keeps (crashing|freezing|failing|breaking|logging me out|declining), (won t|
                wont|will not|can t|cant|cannot|couldnt|could not|unable to) (log in|login|sign in|access| cancel|
                connect|load|open|reach|get through|get a hold|get ahold|get my|unsubscribe|pay|checkout), doesnt work,
                does not work, not working, isnt working, is not working, no longer works, (no one|nobody|noone|no body)
                (answers|responds|replies|cares|helps|picks up|is answering| is responding|got back|gets back|answered|
                responded|replied|helped|has answered|has replied), (no|zero|without a|without any) (response|reply|
                answer|refund|update|explanation|apology), ignoring (me|us|my|our), ignored (me|us|my|our), been
                ignored, (stop|quit) (sending|emailing| texting|calling|spamming|messaging|charging|billing),
                unsubscribe me, (cancel|canceled|cancelled) (my|our) (order|subscription|account|membership|booking|
                plan), customer service (is|was|sucks|suck|has been) (terrible|horrible|awful|useless|non existent|
                nonexistent|a joke|the worst|bad|poor|rubbish|shocking|appalling), terrible, horrible, awful,
                disgusting, disgusted, unacceptable, pathetic, appalling, atrocious, abysmal, dreadful, shocking
                service, shameful, shame on you, do better, never again, lied, liars, lying to, misleading, dishonest,
                thieves, stole my, stealing, rude, disrespectful, unprofessional, incompetent, useless, garbage, trash,
                rubbish, crap, sucks, disappoint*, frustrat*, furious, livid, fed up, sick of, tired of waiting,
                complain, complained, complaining, mold, mould, moldy, mouldy, expired, raw chicken, undercooked, hair
                in my, bug in my, cockroach*, roaches, rat in, filthy, unhygienic, inedible, damaged, defective, faulty,
                broken, cracked, leaking, leaked, missing (items|item|from my order| pieces|parts|order), lost (my|our|
                the) (order|package|parcel|luggage|bag|bags|data|files|money), chargeback, lawsuit, lawyer, sue you,
                report you, reporting you, bbb, been waiting (for|over|since|almost|more than|ages|forever|weeks|days|
                months|hours|an hour), waited (for|over|almost|more than|like|nearly|) (an hour|hours|ages|forever|
                weeks|days|months| a week|a month|two weeks|two hours|three weeks|an eternity), waiting (for|since)
                (weeks|days|months|hours|ages|forever|a week|a month|my refund|my order), (very|so|really|extremely|
                totally|super|pretty) (bad|poor|disappointed|disappointing|unhappy|upset| angry|rude|slow|annoyed|
                frustrated|mad|sad to say), bad (service|experience|quality|customer service|food|coffee|product|
                products|support|attitude| manners|company|business), poor (service|quality|experience|customer service|
                support| communication|packaging|workmanship|management|food), not happy, unhappy, dissatisfied, not
                satisfied, not worth (it|the money|the price|the wait), overpriced, over priced, (was|is|arrived|came|
                were|are) (cold|late|burnt|stale|soggy|damaged|crushed|spilled|melted), (hasnt|has not|havent|didnt|did
                not|still hasnt|still havent|still not|still didnt|still no) (my|our|the) (order|package|parcel|refund|
                delivery|item|items), my (order|package|parcel|refund|delivery|item|items) (hasnt|still hasnt|never|
                didnt|still not|is late| is missing|still|was supposed|was meant|isnt here|is still), (are|r) you
                (kidding|joking|serious), is this a joke, what a joke, ridiculous, absurd, outrageous, insane prices,
                this is insane, how dare, i hate, hate (this|your|you|that), speak (to|with) (a|the|your) manager, talk
                (to|with) (a|the|your) manager, want to speak to, trying to (reach|contact|get a hold of|get ahold of|
                get through|call|reach someone|get in touch), tried (calling|to call| emailing|to reach|to contact|
                contacting), gone downhill, went downhill, going downhill, not the same anymore, isnt the same, used to
                be (better|good|great|so good|amazing), prices went up, price went up, raised (your|the|their) prices,
                price (increase|hike|gouging), let me down, let us down, stay away, avoid this, boycott, disgrace,
                disgraceful, infuriating, horrendous, ghosted, left on read, cancelled on me, canceled on me,
                (cancelled|canceled) (my|our) (appointment|reservation|booking|flight|class|session) (without|last
                minute|again|with no), (gave|giving) me a rash, allergic reaction, food poisoning, rotten, spoiled,
                overrated, underwhelming, underwhelmed, expected (more|better), waste, wasted, worthless, flimsy,
                counterfeit, beware, lousy, crappy, shitty, bullshit, nightmare, humiliat*, condescending, unfriendly,
                racist, discriminat*, harass*, yelled at, screamed at, shouted at, still nothing, and nothing, nothing
                yet, so expensive, very expensive, really expensive, way too expensive, messed up, screwed up, overdue,
                was supposed to (arrive|be|come|ship|get|have), you promised, (and|but) (got|received|they sent|you
                sent) (a|the|an|me|us|someone elses|the wrong), instead of what i ordered, ruined, (2nd|3rd|4th|5th|6th|
                10th|second|third|fourth|fifth|umpteenth|100th) time (i|im|i am|ive|i have|we|were|this|that|in|you),
                (been|got|was|were) charged (for|twice|again|without|even though), never (signed up|ordered|agreed|
                authorized|authorised| asked for|requested|subscribed), (hasnt|has not|havent|have not|didnt|did not|
                still not|isnt|is not|not) (updated|moved| changed|been updated|been processed|processed|been answered|
                been resolved|resolved|been fixed|been shipped|shipped), nothing like (the|its|in the|what was in the|
                what you) (picture|pictures|photo|photos|pics|pic|description|ad|ads| website|video|listing|advertised|
                advertisement|showed|show), looks nothing like, not like the (picture|pictures|photo|photos), (service|
                wait|line|staff|delivery|shipping|response|responses|app|website|site|internet|wifi|checkout) (was|is|
                so|too|very| really|extremely|incredibly|painfully) slow, (and|but) (it|they) (came|arrived|showed up)
                (with|without), (but|and) (it|the order) (came|arrived) (cold|late|wrong|broken|damaged|open|empty|
                missing), dissapointed, dissapointing, disapointed, disapointing, dissappointed, terible, horible,
                horrable, aweful, refund me, scamer, scamers, scamed, worse service, worst servise, tracking (still|
                hasnt|says|shows|has not|isnt|is not|not) (updated|moving|moved|says|shows|label|pending|the same|
                working|changed), still says, label created, this is how you treat, how you treat (your|me|us|customers|
                loyal), (im|i am|we are|were) (cancelling|canceling|cancelling my|canceling my), left (my|the|our)
                (package|parcel|order|box|food|delivery) (in the rain|outside|on the street|at the wrong|with a
                neighbor|unattended), soaked, never (works|worked|work|loads|load|answers| responds|respond|arrives|
                arrive|shows up|show up|delivers|deliver|calls back|call back|picks up|pick up|replies|reply|opens on
                time|on time|in stock|fixed|gets fixed|has stock), could (be|have been) better, needs improvement, room
                for improvement, (tastes|tasted|taste|smells|smelled|smell) (off|weird|funny|strange|bad|burnt|old|
                stale|sour|rancid|like chemicals|like plastic|terrible|awful), (but|and) this (batch|time|order|one|box|
                delivery) (was|is|tastes|tasted|came|arrived), why (hasnt|havent|didnt|isnt|has not|have not|did not)
                (my|our) (order| orders| package|parcel|refund|delivery|item|items|money|food|shipment|replacement),
                came back (with|injured|hurt|bleeding|sick|dirty|worse|shaved|cut), missing half, half (the|of the|my)
                (items|order|stuff|things|food), (told|said) (me|us) (there was no|there were no|they had no|they didnt
                have|it was not| it wasnt), after i (cancelled|canceled|unsubscribed|returned), another (delay|problem|
                issue|mistake|error|cancellation|excuse|outage|late delivery|wrong order|missing item), yet another
                (delay|problem|issue|mistake|error|excuse|outage), yeah right,
            """,
            2.0: """
                not the same, snapped, fell off, came off, peeling, for nothing, smh, threw my, thrown,
                tossed my, over the fence, guess what, stopped, dead on, so off, wilted, rolled her
                eyes, rolled his eyes, rolled their eyes, forgot (our|my|the|about our|about my|about
                us|me|us), forgotten, got locked, (was|is|got) blocked, locked out, leaks, leaking,
                overcrowded, (make|makes|made|making) no sense, smelled
                (fishy|off|weird|bad|funny|awful|like), smells fishy, fishy, (different|differently)
                (from|than|to) what (i|we) (ordered|paid|saw|expected|asked), completely different,
                automated (replies|reply|responses|response|messages), bot replies, barely
                (paid|pays|any|anything|cooked|warm|edible| works|worked|fits|fit), even though (we|i)
                (booked|paid|ordered|reserved|called|had), couldnt even, cant even get, dry, flavorless,
                flavourless, overcooked, chewy, rubbery, watery, lukewarm, cold food, raw, blisters,
                blister, rash, itchy, shattered, scratched, dented, bent, faded, shrunk, shrank,
                pilling, incorrect, mistake, mistakes, hidden fees, hidden fee, unhelpful, clueless,
                untrained, rushed, rushing, refused, refuses, denied, unbelievable, seriously,
                disconnects, disconnecting, keeps dropping, keeps cutting out, no signal, no service,
                intermittent, spotty, missing, unanswered, late again, never received, got charged, i
                got charged, was charged, were charged, left in the rain,
                late, delayed, delay, delays, slow service, too slow, took forever, takes forever, taking forever, long
                wait, hours late, days late, weeks late, buggy, glitch, glitches, glitchy, crash, crashes, crashed,
                crashing, outage, down again, not loading, wont load, problem with, issue with, issues with, problems
                with, having (issues|problems|trouble), trouble with, my (order|package|parcel) (hasnt|is late|is
                missing|never|still|was|got|didnt), the worst, bad, poor, mediocre, bland, tasteless, soggy, burnt,
                greasy, dirty, stale, too expensive, overcharg*, not good, not great, no good, angry, upset, annoyed,
                annoying, irritat*, mad at, pissed, hate, hated, unreliable, unusable, laggy, unsafe, dangerous, sick
                of, ignored, ignoring, unanswered, unresolved, no show, hung up, fix (this|it|your|the), please fix,
                sort (this|it) out, resolve (this|my), what is going on, whats going on, what happened to, why (is|does|
                did|do|are|isnt|doesnt|cant|wont|hasnt|havent|didnt|arent|was) (my|it|this|the|your| you|nobody|no one|
                there|everything|every), why cant i, why does it keep, why do you keep, why is it so, fake, liar,
                cheated, scammy, sketchy, shady, misled, poor quality, low quality, cheaply made, fell apart, falls
                apart, ripped, torn, stained, smells, stinks, gross, nasty, yuck, worse, regret, regretting,
                unsubscribe, spamming, cancellation, complaint, complaints, escalate, third time, yet again, every
                single time, on hold, ruin, ruins, unfortunately, failed, failure, fail, mess, careless, sloppy, lazy,
                greedy, unbearable, incorrect, declined, rash, breakout, breakouts, irritation, injured, injury, dodgy,
                knockoff, smelly, overcooked, tiny portion, tiny portions, small portions, letdown, let down, mistake,
                mistakes, for weeks, for days, days now, weeks now, charged me, instead of, insulting, offensive,
                dishonest, horrible service, chipped, chipping, peeling, peeled, faded, fading, shrunk, shrank,
                scratched, dented, pilling, tore, fell off, came off, broke after, stopped after, fell apart after,
                after one (use|wash|wear|day|week), after (two|three|a few) (uses|washes| wears|days|weeks),
            """,
            1.0: """
                bug, bugs, error, errors, lag, lagging, wait time, waiting time, still waiting, expensive, problem,
                problems, issue, issues, cold, meh, ew, eww, ugh, wtf, seriously, sad, cancel, cancelled, canceled,
                spam, nobody, no one, noone, returned, sent it back, replacement, warranty, refundable, broke, missing,
                wrong, sick, dislike, disliked, lie, lies, smell, dispute, second time, once again, hold, sadly, shame,
                stuck, freezes, noisy, sticky, salty, sour, warning, avoid, hurt, attitude, transferred, promised,
                supposed to, should have, for hours, cancelled my, canceled my, expensive af, uncomfortable,
            """,
            0.5: """
                again, still, every time, exchange, slow, waiting, why, my order, my package, my account, stop, return
                it, returning, send it back, joke, arrogant, sold out, lost,
            """,
            1.5: """
                too (loud|noisy|crowded|salty|sweet|small|pricey|long|hot|dark|greasy|oily|dry|spicy|bitter|slow|late),
                way too, was slow, so slow, very slow, writing to you, time im writing, time i write, kindly refund,
                late, cancelling, canceling, wet, in the rain, bleeding, a cut on, half the,
            """,
        },
        "praise": {
            2.5: """
                outdone (yourself|yourselves|themselves), outdid (yourself|yourselves|themselves), go
                off, (deserves|deserve) (way|so much|a lot|) more
                (likes|love|attention|recognition|views|followers|credit|hype), so happy i found, glad i
                found, cant believe how
                (soft|good|great|easy|fast|comfy|comfortable|pretty|cute|beautiful|tasty|delicious|well|much|
                amazing|nice|smooth|light|strong|fresh|quick), big fan, huge fan, biggest fan,
                (five|ten|10|5|a thousand|a million) stars, never fail to
                (impress|amaze|surprise|deliver), lovely (people|staff|team|coffee|place|food|service),
                so glad i (discovered|found|tried|came|stopped|went|chose|picked|ordered|booked|bought),
                unforgettable, memorable, the real mvp, the real mvps, mvp, mvps, still thinking about,
                cant stop thinking about, dreaming about, my happy place, happy place, warm and
                welcoming, a sweetheart, such a sweetheart, sweetheart, always a pleasure, a pleasure
                (to|doing|working|shopping|visiting), what a
                (voice|view|talent|place|team|shot|beauty|performance|
                show|vibe|gem|treat|meal|night|experience|artist|photo|picture|idea|concept|transformation|result|difference|glow
                up), this view, that view, (beautiful|gorgeous|stunning|amazing|breathtaking) view, so
                easy, super easy, very easy, so smooth, love you guys, love this place, treasure, bliss,
                blissful, breathtaking, dreamy, magical, top quality, excellent quality, customer for
                life,
                love (it|this|that|them|these|you|you guys|your|the|my|how|everything|all|their|this place| these guys|
                that place), loved (it|this|that|them|the|every|everything|our|my|your), i love, we love, i loved, we
                loved, i m in love, im in love, in love with, obsessed, amazing, awesome, excellent, outstanding,
                fantastic, wonderful, incredible, phenomenal, superb, fabulous, magnificent, exceptional, spectacular,
                brilliant, stunning, gorgeous, delicious, scrumptious, yummy, yumm, perfection, masterpiece, flawless,
                mind blowing, highly recommend*, strongly recommend*, definitely recommend*, would recommend*, 100
                recommend, cant recommend (enough|them enough|it enough|this enough|you enough|this place enough|highly
                enough), cant get enough, couldnt be (happier|better|more pleased|more satisfied), never had better,
                never disappoint*, never fails, never fail, exceeded (my|our|all|) expectations, worth every (penny|
                cent|dollar), well done, good job, great job, nice job, nice work, great work, amazing work, awesome
                work, good work, keep it up, keep up the (good|great|amazing) (work|job), you (rock|guys rock|are the
                best|re the best|guys are the best|nailed it|killed it| did it again|are amazing|guys are amazing), the
                best, best (ever|place|service|coffee|pizza|food| burger|team|staff|brand|shop|store|app|product|
                products|purchase|decision|experience|day| in town|in the city|around|one|thing), top notch, first
                class, world class, five stars, thank you so much, thanks so much, thank you very much, many thanks,
                thanks a lot, thanks a ton, much appreciated, really appreciate, so grateful, super grateful, thank you
                for (the|your|being| everything|making|always|helping|sharing|such), thanks for (the|your|being|
                everything|making|always| helping|sharing|such), congrats, congratulations, kudos, bravo, hats off, well
                deserved, so good, so delicious, so yummy, so tasty, so cute, so beautiful, so pretty, so happy, so
                nice, so helpful, so friendly, so lovely, very good, very nice, very happy, very helpful, very friendly,
                really good, really nice, really happy, super (good|nice|happy|helpful|friendly|cute|fast|tasty), life
                saver, lifesaver, game changer, absolutely (love|loved|loving|amazing|delicious|beautiful| perfect|
                stunning|gorgeous), love love love, not bad at all, no complaints, made my day, made our day, makes my
                day, made me smile, put a smile on, customer for life, never gets old, had a blast, blown away, above
                and beyond, went above, goes above, cant stop (eating|drinking| wearing|using|listening|watching|
                smiling|looking at), shoutout to, shout out to, big shoutout, never (looked|felt| tasted|been|had it|
                slept|seen anything) (better|so good|this good), saved my (life|day|skin|hair|wedding|trip), you saved,
                will be back, well be back, definitely be back, definitely coming back, cant wait to come back, will
                definitely return, next level, top tier, epic fail, recomend, recomended, recomendation, reccomend,
                reccomended, recommed, highly recomend, amazin, awsome, awesom, beatiful, beautifull, delicous,
                delicios, excelent, exellent, fantastico, increible, gorgous, perfact, cant wait to (try|get|receive|
                use|wear|taste|see|visit|go back|come back|eat|read|start|play|hear|open), placed my (first|) order,
                just ordered,
            """,
            2.0: """
                goals, queen,
                love, loved, loves, loving, lovely, adore, adored, perfect, beautiful, cute, adorable, tasty, delish,
                impressive, impressed, recommend, recommended, recommending, helpful, friendly, welcoming, great, best,
                excellent service, great service, good service, fast delivery, quick delivery, fast shipping, arrived
                quickly, arrived early, thank you, thankyou, thanks, thank u, tysm, appreciate it, appreciated,
                grateful, thankful, favorite, favourite, fave, my go to, must try, must have, a must, worth it, worth
                the (wait|money|price|trip|drive|hype), happy customer, satisfied customer, delighted, thrilled, stoked,
                cant wait, so excited, wow, woah, whoa, yes please, yay, yas, goat, goated, legend, legends, legendary,
                iconic, slay, slays, slayed, nailed it, killed it, beautifully, elegant, classy, stylish, inspiring,
                genius, talented, great post, great content, love your content, chefs kiss, pretty good, spot on, on
                point, 10 out of 10, ten out of ten, good vibes, immaculate, impeccable, terrific, heavenly, stellar,
                banger, slaps, bussin, hits different, goes hard, addictive, addicted, friendliest, cutest, prettiest,
                tastiest, loveliest, kindest, sweetest, mouth watering, great value, good value, worth the money,
                accommodating, knowledgeable, spotless, seamless, hassle free, enjoyed, enjoying, loved it, a treat,
                divine, marvelous, marvellous, splendid, charming, wholesome, exquisite, fab, faboulous, brill, ace,
                blessing, grateful for, thank you for, thanks for,
            """,
            1.2: """
                nice, good, cool, pretty, yum, fav, faves, fire, lit, satisfied, pleased, excited, proud, bless,
                blessed, cheers, appreciate, kind, professional, quality, high quality, great quality, good quality,
                cozy, cosy, inspired, inspiration, creative, clever, smart, not bad, beauty, gem, hidden gem, ty, thx,
                happy, enjoy, fun, blast, smile, delight, dope, rad, neat, elite, unreal, epic, hooked, flavorful,
                flavourful, refreshing, relaxing, comfy, comfortable, thoughtful, caring, responsive, prompt,
                effortless, painless, hero, heroes, savior, saviour, props, motivating, nicest, greatest, happiest,
                finest, wonderful job, sweet, peaceful, calming, welcome back, bargain, juicy, drooling, heaven, coming
                back, return again, come back again,
            """,
            0.6: "fast, quick, easy, clean, fresh, smooth, intuitive, reliable, efficient, on time, vibes, yes, happy",
            3.0: """
                is art, pure art, work of art, a masterpiece, yes queen, yas queen, more of this
                (content|please|pls|plz), more content like this, need more of this, we need more of
                this, more like this please, need more content, need more of this
                (content|please|pls|energy|kind of content), we need more of this, no notes, left no
                crumbs, ate and left, ate that, living for this, living for the, im living for, this
                slaps, slaps fr, goated, the glow up, glow up is real, a vibe, such a vibe, fr fr, never
                had a bad, never had a bad (meal|experience|time|coffee|pizza|drink), understood the
                assignment, keep coming back, why i keep coming back, im hooked, i m hooked, so hooked,
                to die for, out of this world, on another level, second to none, hits the spot, hit the spot, (great|
                good|amazing| excellent|awesome|incredible|fantastic|fair|reasonable|affordable|unbeatable) (quality|
                value|prices|price|deal) for the (price|money|cost), (great|good|amazing|excellent|awesome|fair|
                reasonable|affordable|unbeatable|best|low|honest) (price|prices|pricing|deal|deals|value), so worth it,
                totally worth it, definitely worth it, never misses, never miss, smooth (buying|shopping|checkout|
                experience|process|transaction|purchase), (next|another) visit, already planning (my|our|a) (next|
                return|trip|visit), cant wait to go back,
            """,
            1.5: """
                buying process, shopping process, ordering process, booking process, checkout process,
                onboarding process, installation process, repair process,
                for the price, for the money
            """,
            1.0: """
                buying experience, shopping experience, ordering experience
            """,
        },
        "spam": {
            2.5: """
                (i|we) (can|could) (fix|help with|boost|increase|improve|grow|double|triple)
                (that|this|it|your), (id|we d|i would|we would|we|i) (like|love) to
                (offer|partner|collaborate|collab|feature|sponsor|send you|gift you|work with
                you|promote), offer you (a|an|our|my), partner with you, collab with you, collaborate
                with you, shoot (us|me) a (message|dm|text|pm), (low|poor|bad|dead) (reach|engagement),
                your reach, are you the owner, (receive|claim|collect|redeem|get|grab) (your|the)
                (reward|prize|gift|winnings|bonus|payment|voucher), winner alert, giving away, on my
                page, free (robux|vbucks|v bucks| coins|gems|diamonds|skins|spins|followers), we are
                hiring, were hiring, now hiring, apply here, apply now, private pics, private photos,
                private videos, spicy content, (dm|inbox) me now,
            """,
            3.0: """
                (dm|message|inbox|text|contact|email|hit|reach out to|write to|call) us
                (for|to|on|at|now|today|asap|and|if|via|today for), send us a
                (dm|message|pm|text|mail|email) (for|to|now|and|if|today|on), dm us on our, (i|we)
                (can|could) (help you|help your|get you|grow your|boost your|increase your|run
                your|manage your|design your|build your|promote your|feature your|double your), (i|we)
                help (small businesses|local
                businesses|businesses|brands|companies|creators|coaches|entrepreneurs|business owners|
                small brands|influencers|people), (digital|social media|online) marketing
                (agency|expert|services|specialist|team| company), marketing agency, social media
                manager, seo (services|expert|specialist), your
                (page|account|brand|content|posts|profile|business) (deserves|has (great|huge|a lot
                of|so much|big) potential), (cheap|affordable|low cost) (promo|promotion|promos|
                shoutout|shoutouts|ads|marketing), (your|the) (account|page|profile) (will be|is going
                to be|has been), will be (suspended|disabled|deleted|removed|
                banned|restricted|deactivated|terminated|unpublished), (verify|confirm|validate)
                (your|the) (account|identity|details|information|info|page|profile|login),
                (verify|confirm| appeal) (here|now|below|immediately), appeal (form|within|here),
                copyright (violation|infringement|claim|strike), community (guidelines|standards)
                (violation|violations), violates our, suspicious activity, official notice,
                (meta|facebook|instagram) (support|security|help) (team|center|centre), chosen as (one
                of|a|our|the), one of our (lucky|) winners, lucky winner*, comment your (cashapp|cash
                app|venmo|paypal|email|number|zelle|tag), cashapp tag, cash app tag, get paid
                (to|for|per|daily|weekly), paid surveys, (see|check|visit|view) my
                (portfolio|work|designs|art), (ill|i will|i can|we can|we will)
                (design|edit|create|build|develop) (you|your|a|an), link in my (profile|bio|page),
                (pics|content|more|surprise|something|videos) (in|on) my (profile|bio|page), chat with
                me, come chat, thanks to (mr| mrs|dr|miss|ms|madam|sir|master), (sell|selling|sells)
                (followers|likes|views|accounts|subscribers|real followers),
                (trading|crypto|forex|investment) (strategy|strategies|signals|mentor), (check
                out|checked out|checking out|watch|watched|see|saw) my
                (reels|videos|posts|page|channel|latest|account|profile), (has|have) been selected for,
                (message|contact|dm|text) the admin, to claim (it|your|the|this), (earn|make|get)
                (commission|commissions), reselling our, free (shoutout|shoutouts|shout out),
                (follow|follows|following) my (account| page|ig|insta|tiktok), fake account,
                (report|flag) (it|them|the account|this account) here, using your (photos|pictures|
                pics|content|identity|name), organic growth, growth
                (package|packages|services|service|plan|plans), our team offers, (lacks|lacking|needs
                more|low on) (engagement|reach|followers|visibility), verified badge, get verified
                today, spell caster, spellcaster, love spell, thank god for
                (dr|mr|mrs|doctor|prophet|priest), (netflix|spotify|premium|disney|hbo) (for
                free|free|gratis), unlock premium, for free only today, returns of, guaranteed returns,
                (send|sending|share|email) you (a|our|my) (proposal|offer|deck|portfolio|samples|free
                audit|media kit), (i|we) sell (handmade|homemade|custom|my|our|these|similar|the same),
                i sell, we sell, (come|go) (see|visit|check) my (shop|store|page|profile|website), my
                shop, my store, trading (options|with|stocks|binary|signals), paid off my
                (mortgage|debt|debts|loans|loan|car|house|student loans|bills), (without|no) (a
                |)(prescription|prescriptions), (be| become) our (ambassador|ambassadors|rep|reps|brand
                rep|model|models|partner|affiliate|influencer), brand reps, brand rep, free products,
                get free products, (send|give) (us|me) your (full
                name|name|address|details|bank|card|email|phone number), send your (full
                name|address|details|bank details|card details), (i|we)
                (edit|design|manage|run|create|make)
                (your|videos|logos|websites|ads|reels|thumbnails|content|pages|social media),
                (dm|message|text) (me|us) for (samples| rates|prices|pricing|details|more|info|a quote),
                (quit|left) my (9 to 5|9 5|job|day job), masterclass, free (class|
                webinar|masterclass|training|course|ebook|guide) (in|on|at) my (bio|page|profile|link),
                buy (old|aged|your) (instagram| ig|tiktok|accounts|account|pages),
                (repost|feature|share) (it|this|your|them) on our, tag us (in|on|and|to), for a feature,
                you won our, join our (telegram|whatsapp| group|discord|channel|community)
                (group|channel|for|to), (we|i) help
                (restaurants|brands|shops|salons|gyms|clinics|stores|cafes|bakeries|businesses|creators),
                business proposal, (admin|owner|page owner) (please|pls|plz|kindly|) check, (randomly|)
                (picked|chosen|selected) for a (free|), free feature,
                (increase|increasing|boost|boosting|grow|growing|double|doubling|triple) your
                (sales|revenue|
                followers|reach|business|engagement|traffic|profits|bookings|clients|customers),
                (reply|comment|type|dm) (yes|info|how| interested|me) (to|for|if|and|), my
                (story|stories|highlights|reels), check my story, in exchange for a (post|review|
                story|shoutout), (nominated|selected) for (the|an|a) (award|prize), ai trading, trading
                bot, boost your post, this one trick, one simple trick, looking for
                (creators|influencers|ambassadors|models|content creators|brand
                ambassadors|promoters|affiliates), (we re| were|we are) (a|an)
                (brand|company|agency|startup|small brand|new brand), lets collab, let s collab, free
                samples, (dm|send|message|inbox) us your (address|details|info|email|number), be your
                own boss, join my team, become your own boss, lets work together, link in bio, links in
                bio, link in the bio, free (website|seo|marketing|social media|instagram|brand)
                (audit|audits), free trial of our, (our|my) (ai|new)
                (tool|app|software|platform|course|program), (comment|type) (money|cash|info|yes|me|
                how|interested|link) (and|to|for|if|below|), extra cash,
                follow me, follow back, followback, follow for follow, follow 4 follow, f4f, l4l, like for like,
                sub4sub, sub 4 sub, subscribe to my (channel|page|youtube|account), check (out|) my (profile|page|bio|
                account|channel|story|stories|feed|posts|post|videos|video| content|pics|photos|link|website|site|shop|
                store|onlyfans|ig|insta|instagram|tiktok|youtube), visit my (profile|page|bio|account|channel|website|
                site|shop|store), (see|look at|go to|click) (the|my) (link in|) (bio|profile), link in my bio, (free|
                cheap|real|active|instant|buy|get) (followers|likes|views|subscribers), (gain|get|grow) (more|)
                (followers|likes|views|subscribers) (fast|free|now|instantly|today|), promote your (page|account|
                business|brand|content|profile|music|channel|products), (grow|boost) your (page|account|business|brand|
                followers|audience|sales|engagement|instagram| following|profile), we can help you (grow|get|reach|
                boost|increase), (dm|message|inbox) (us|me|) (to|for) (collab|collaboration|promo|promotion|shoutout|
                sponsorship| partnership|feature), brand ambassador, ambassador program, looking for (ambassadors|
                influencers|models), (make|earn|making|earning|made|earned) (money|cash|income|extra money|extra income|
                profit|profits| dollars), work from home, working from home and, passive income, financial freedom,
                extra income, (crypto|bitcoin|btc|forex|binary|nft|trading|investment) (expert|manager|mentor|account
                manager| platform|signals|trader|investor|coach|strategy|opportunity|profits|profit|returns), invest
                (with|in crypto|in bitcoin|your money|now), investment (platform|opportunity|manager| plan), (recover|
                recovered|recovery of) (your|my|lost|stolen|hacked) (account|funds|money|crypto| bitcoin|wallet|
                investment), hacked account recovery, account recovery (expert|specialist|service), (contact|message|
                text|write to|reach out to|reach) (him|her|mr|mrs|dr|expert|this expert), (you have|youve|you ve|you)
                (won|been selected|been chosen|been picked), you are (selected| chosen|a winner|our winner|the winner),
                claim (your|the|my) (prize|reward|gift|winnings|bonus), congratulations you (won|have|are|ve), (free|win
                a|win an|win free) (iphone|ipad|macbook|gift card| money|cash|vacation|trip|ps5|playstation), click
                (here|the link|this link|my link|the link below|link below|link in bio), onlyfans, only fans, hot
                singles, sugar (daddy|mommy|mummy|baby), sexy girls, nudes, adult content, 18 plus, xxx videos, online
                casino, slots, sports betting, betting tips, payday loan, payday loans, viagra, cialis, lose weight
                fast, weight loss (secret|trick|pill|pills), miracle (cure|pill), airdrop, usdt, binary options, dm me
                (to|for) (earn|make|learn how|more info on how|details on how), brand deal, brand deals, paid
                partnership, paid collab, paid promotion, (check out|listen to|watch|stream) my (new|latest|) (song|
                single|track|video|videos|album|ep|mixtape|music|podcast|channel|vlog|reel|reels|page| content|art|work|
                shop|store|book), my (new|latest) (song|single|track|video|album|ep|mixtape|upload|vlog|reel|post), my
                (youtube|spotify|soundcloud|tiktok|twitch|onlyfans) (channel|page|account|), daily returns, weekly
                returns, daily profit, daily profits, weekly profit, (get|give|send) you (more|real|free|) (followers|
                likes|views| subscribers), follow you back, dm for (details|info|more info|collab|promo|price list),
                send pic*, sin buro, hello dear, hi dear, hey dear, my dear, be your friend, kindly (message|contact|dm|
                text|reach|write|inbox|add| chat|email), (for|get) (a|the) (feature|shoutout|shout out), get featured,
                feature your (page|account|work|content| brand|business|art), featured on (our|my) (page|account|
                channel), hi (handsome|beautiful|gorgeous|sexy|sweetie|babe|cutie), hey (handsome|beautiful|gorgeous|
                sexy|sweetie| babe|cutie), hello (handsome|beautiful|gorgeous|sexy|sweetie|babe|cutie), get you
                verified, get verified, verification badge, blue tick, blue check, blue checkmark, this method, ask me
                how, dm me how, (message|text|inbox) me (how|to learn|for details), (i|we) made (money|profit|profits),
                (earn|work|make money) from home, no experience (needed|necessary|required), giving away (money|cash|
                iphones| gift cards) to, (first|next) (100|50|1000) (people|followers) (who|to), comment done, type
                done, go viral, going viral, (cheap|replica|fake|knockoff) (bags|shoes|sunglasses|rayban|raybans|
                jerseys|watches| sneakers|designer), off designer, designer bags, (90|80|70) off,
            """,
            2.0: """
                get paid, (instagram|ig|tiktok|youtube|real|organic)
                (followers|likes|views|subscribers), my portfolio, our (agency|page|main|official
                page|brand page|services|website|team can), facebook ads, instagram ads, google ads, fb
                ads, ig ads, meta ads, ads for you, free audit, free consultation for your, lets talk,
                more (sales| customers|clients|leads|traffic|reach|engagement|visibility) (for your|to
                your|with|for you), trying to grow, raffle, ozempic, rayban, ray bans, raybans, telegram
                group,
                crypto, cryptocurrency, bitcoin, btc, ethereum, forex, nft, nfts, selected winner, free gift, telegram,
                escort, act now, casino, earn money, make money, my profile, my page, my bio, my channel
            """,
            1.2: """
                more sales, more customers, more clients, more leads, our page, our brand,
                trading, investor, investing, investment, dividends, earn, income, profit, profits, collab,
                collaboration, ambassador, loan, loans, dating, singles, hacker, promote, followers, limited offer, cash
                app, cashapp, mining, prize
            """,
            1.0: """
                (im|i am) (a|an|also a|a fellow|) (content
                creator|creator|influencer|artist|photographer|designer|makeup artist|
                videographer|model|small creator), content creator too, replica, replicas, my reels, my
                videos, serious partner,
                dm me, message me, text me, whatsapp me, inbox me now, shoutout, shout out, sexy, giveaway, kindly, be
                friends, dear, sweetie, babe, apply now, we got you,
            """,
            0.6: """
                winner, reward, claim, sponsor, sponsored, influencer, influencers, likes, guaranteed, hurry, wallet,
                hack, promotion, roi, gift card
            """,
            1.5: """
                to local businesses, for local businesses, for small businesses, for businesses, would
                you be interested, are you interested in, nominated, jewelry brand, clothing brand,
                skincare brand, swimwear brand, photographer,
                check out my, watch my, listen to my, on spotify, on soundcloud, followed you, i followed you, has
                potential, your page has, learn how,
            """,
        },
        "other": {
            2.0: """
                best friend, bestie, besties, bff, stopped by (here|today|yesterday), my bestie, what a
                (time|day|week|year|world|coincidence|mood|vibe|throwback), spotted the,
            """,
            3.0: """
                in my head, might like (it|this|them|these), (any|anybody|anyone) other, other
                (leos|virgos|scorpios|geminis|aries|
                tauruses|cancers|libras|sagittarius|capricorns|aquarius|pisces|moms|dads|teachers|nurses)
                (here|out there), (who s|whos| who is) here, happy (new year|new
                years|holidays|thanksgiving|easter|halloween) from, (new year|new
                years|christmas|holidays|thanksgiving|easter|halloween) from, so many memories,
                memories,
            """,
            1.5: """
                lol, lmao, lmfao, rofl, haha*, hehe*, hihi, first, 1st, same, mood, literally me, thats me, this is me,
                this is us, me too, same here, following, tagging, tag, tagged, look, look at this, look at that, check
                this out, omg, oh my god, my god, oh my, ok, okay, k, kk, yes, yeah, yep, yup, nope, nah, good
                night, goodnight, gm, gn, bump, test, testing, hmm, hm, idk, no thanks, no thank you, nvm, never mind,
                noted, sent, dm sent, sent you a dm, check your dm, check your dms, check dm, done, we need to go, we
                need to try, lets go, we should go, we should try, whos coming, when are we going, not interested, happy
                (monday|tuesday|wednesday|thursday|friday|saturday|sunday|weekend|holidays|new year| birthday|easter|
                thanksgiving|halloween|mothers day|fathers day), merry christmas, happy birthday, remember (this|when|
                that|the), throwback, who else, anyone else, wait what, oh no, rip, bruh, bro, dude, tag someone, tag a
                friend, tag your, this is (so|literally) (me|us), thats (so|literally) (me|us), same tbh, facts, happy
                (4th|fourth|4th of july|fourth of july|holidays|hanukkah|diwali|pride|valentines|valentines day|mothers
                day| fathers day|independence day|labor day|memorial day|st patricks|st patricks day|friday|weekend|
                thanksgiving|easter| halloween|new year|new years|birthday|anniversary), my (wife|husband|mom|dad|
                sister|brother|kids|son|daughter|bf|gf) (would|will) (love|like) this, your sign, this is your sign, its
                raining, thats wild, i wish, same lol,
            """,
            2.5: """
                sending love from, greetings from, love from, i remember when, (still have|used to
                have|had|owned|grew up with) (one| some) of these, whoever took (this|that|the), needs a
                raise, deserves a raise, in the background, (the|that) (guy|lady|
                man|woman|dog|kid|girl|boy) in the (back|background|corner), works there, works here,
                worked there, used to work (there| here), weekend plans, degrees here, degrees today,
                its (hot|cold|raining|snowing|freezing) (here|today|outside), username, user name, no
                bc, no because, why am i here, popped up on my feed, on my feed, just here for the
                comments, here for the comments,
                anyone else (here|watching|from|who|think|notice|noticed|remember|love|obsessed|see|seeing|waiting), who
                else (is|here|watching|remembers|loves|saw), cant wait (for|till|until|til) (the|this|friday|saturday|
                sunday|summer|christmas| vacation|the holidays|the weekend|payday), monday again, mondays, its monday,
                its friday, friday feels, weekend vibes, when (we|are we) going, when we goin, lets goo, we going, (its|
                it s|thats|this is) your favorite, your fav, your fave, (whos|who is|anyone|anybody) here (after|from|
                because| for|in|watching), whos watching, (whos|who is|anyone|anybody|who else is) (going|coming|down|
                in|joining|attending), good luck, best of luck, good luck everyone, good luck to (all|everyone|
                everybody), me when, pov, not me, so relatable, relatable, so true, im dead, im crying, no way, plot
                twist, imagine,
            """,
        },
    },
    "es": {
        "purchase_intent": {
            2.5: """
                (consigo|conseguir|compro|comprar|sacar|saco|reservar|apartar)
                (entrada|entradas|boleto|boletos|lugar|lugares| ticket|tickets), (van a|vas a|piensan)
                (volver a|) (sacar|traer|tener|surtir|reponer), lo compraria, la compraria, los
                compraria, las compraria, compraria, (esta|estan|ya esta|ya estan)
                (agotado|agotada|agotados|agotadas), se agoto, se agotaron, volver a sacar, pediria,
                ordenaria, encargaria, me llevaria, financiamiento, financiacion, a credito, paquetes de
                viaje, paquete (vacacional|de viaje|todo incluido|familiar|de bodas|de fiesta),
                (plan|planes) (familiar|familiares|de internet|de
                datos|mensual|mensuales|anual|anuales|empresarial| basico|premium|de pago),
                (cambiarme|cambiar|pasarme|me quiero cambiar|quiero cambiarme) a (su|tu|este)
                (plan|servicio| compania|empresa|internet), pasta dura, pasta blanda, tapa dura, version
                digital, (talla|tallas) (petite|plus|grande| grandes|extra|chica|chicas|infantil|de
                nino|de nina|xs|xl|xxl), pasar a recoger, (recogerlo|recogerla|recogerlos| recogerlas|lo
                recojo|la recojo|paso por el|paso por ella), (guardar|apartar|separar)
                (lugar|lugares|mesa|boletos|entradas|asientos), (guardar|apartar|separar)
                (un|una|dos|tres) (lugar|lugares|mesa|boletos|entradas|asientos), me
                (pueden|puedes|podrian) (guardar|apartar|separar), cuanto me
                (cobrarian|cobran|cobrarias|cobras|sale|saldria|costaria|cuesta), (costaria|
                saldria|cobrarian|cobrarias), prueba de manejo, a cuenta, por volumen, (por|al) mayoreo,
                planes, set de regalo, sets de regalo, caja de regalo, cajas de regalo, para comprar el,
                para comprar la, talla de mujer, talla de hombre, talla 24, para comprar, me
                (pueden|puedes|podrian) (mandar|enviar|traer|llevar) (una|un|dos|tres),
            """,
            3.0: """
                (hacen|haces|ofrecen|dan) (catering|eventos|banquetes|pedidos especiales|pedidos
                personalizados), (cuando|para cuando) (reponen|resurten|vuelven a tener|vuelve a
                haber|hay mas|llega mas|les llega), reponen, resurten, (anotenme|anotame|
                apuntame|apuntenme|agreguenme|agregame) (para|en|a la), anotenme, anotame, apuntenme,
                preventa, pre venta, (necesito| quiero|ocupo) (2|3|4|5|6|10|12) , x el,
                (llego|alcanzo|alcanzan) a tiempo para (pedir|comprar|ordenar|encargar), envuelto para
                regalo, para regalo,
                (quiero|quisiera|queria|necesito|me gustaria|deseo|busco|ocupo) (comprar|pedir|ordenar|encargar|
                reservar|agendar|adquirir|contratar|hacer un pedido|hacer pedido|uno|una|dos|tres|cuatro| este|esta|
                estos|estas|ese|esa|eso|esos|esas|el grande|la grande|el chico|el mediano| informacion|info|mas info|mas
                informacion|precio|precios|el precio|cotizar|una cotizacion| un presupuesto|cotizacion|presupuesto|saber
                el precio|saber precio|saber precios| saber cuanto|saber costo|saber el costo|apartar|uno de estos|una
                de estas), (donde|como|en donde|onde) (puedo|podria|se puede|lo puedo|la puedo|los puedo|las puedo)
                (comprar|pedir|ordenar|encargar|conseguir|adquirir|reservar|pagar|agendar|contratar), (donde|onde|en
                donde|adonde) (lo|la|los|las|) (compro|consigo|encuentro|venden|puedo conseguir| puedo comprar|puedo
                pedir|puedo encontrar), donde (comprar|conseguir|los venden|las venden|lo venden|la venden|venden), como
                (compro|pido|ordeno|encargo|reservo|agendo|hago el pedido|hago mi pedido|hago un pedido| hago pedido|
                hago para comprar|hago para pedir|hago para ordenar|le hago para|hacemos el pedido| puedo comprar|puedo
                pedir|puedo ordenar|se compra|se pide|se hace el pedido|adquiero|contrato| me inscribo|pago|puedo pagar|
                los consigo|lo consigo|la consigo|las consigo), (cuanto|cuanta|cuantos|cuantas|que precio|q precio|k
                precio) (cuesta|cuestan|sale|salen|vale|valen| es|son|seria|serian|cobran|cobras|esta|estan|tiene|
                tienen|el envio|de envio|por|x|cada| para|el kilo|el kg|la docena|la caja|la pieza|la unidad|el par|la
                entrada|la clase|la sesion), (cual|que|k|q) (es|seria|tiene|tienen) (el|su) (precio|costo|valor), (me|
                nos) (interesa|interesan|interesaria|late|lo llevo|la llevo|los llevo), (me|nos) lo (llevo|llevamos|
                apartas|aparta|apartan|separas|separan|guardas|reservas|vendes|vende), (me|nos) la (llevo|llevamos|
                apartas|aparta|apartan|separas|separan|guardas|reservas|vendes|vende), (me|nos) (aparta|apartas|apartan|
                separas|separan|reservas|guardas) (uno|una|dos|tres|el|la), (manda|mandas|mandan|envia|envias|envian|
                pasa|pasas|pasan|pasame|mandame|das|dan|dame) (el precio|precio|precios|info|informacion|mas info|costo|
                catalogo|el catalogo|cotizacion| el link|link|detalles), (info|informacion|precio|precios|costo|mas
                info|cotizacion|catalogo) (porfa|por favor|xfa|plis|pls| please|al whatsapp|por whatsapp|wsp|al privado|
                por privado|privado|al dm|por dm|dm|md|inbox), (hacen|haces|tienen|tienes|hay|manejan|manejas|cuentan
                con) (envio|envios|entrega|entregas| delivery|domicilio|servicio a domicilio|envio a domicilio|envios a
                domicilio|reparto| envio gratis|envios gratis|envio nacional|envios nacionales|envios internacionales),
                (envian|envias|mandan|mandas|entregan|reparten|hacen envios|hacen envio|hacen entregas|haces envios) (a|
                al|hasta|para|en), (hay|tienen|tienes|queda|quedan|les queda|les quedan|todavia hay|aun hay|aun tienen|
                todavia tienen|tendran|tendras) (stock|existencia|existencias|disponible|disponibles|en stock| en
                existencia|talla|tallas|numero|numeros|color|colores|de este|de esta|de estos|de estas), (sigue|siguen|
                esta|estan|seguira|todavia esta|todavia estan|aun esta|aun estan) (disponible| disponibles|a la venta|en
                venta|en stock), al por mayor, por mayor, por mayoreo, mayoreo, mayorista, mayoristas, venta al por
                mayor, (formas|forma|metodos|metodo|medios|medio|opciones) de pago, (aceptan|acepta|aceptas|reciben|
                recibes|puedo pagar con|se puede pagar con|pago con|pagar con) (tarjeta|tarjetas|efectivo|transferencia|
                transferencias|mercado pago|mercadopago|paypal| yape|plin|nequi|daviplata|bizum|oxxo|sinpe|zelle|
                credito|debito|cripto|pago movil| pago contra entrega|contra entrega|contraentrega), (a|sin) (meses|
                cuotas) sin intereses, meses sin intereses, cuotas sin interes, cuotas sin intereses, pago contra
                entrega, contra entrega, contraentrega, (hacer|realizar|hago|hacemos) (un|el|mi|una) (pedido|encargo|
                orden|compra|reserva|reservacion|cita), (agendar|sacar|pedir|reservar) (una|un|mi) (cita|turno|hora|
                mesa|clase|sesion|consulta| reservacion|reserva|lugar|habitacion|tour|demo|prueba), (reservacion para|
                reserva para|mesa para) (una|dos|tres|cuatro|cinco|seis|el|la|este|hoy|manana), lo quiero, la quiero,
                las quiero, yo quiero (uno|una|dos|este|esta|estos|estas|el|la|comprar|pedir), yo lo quiero, yo la
                quiero, lo compro, la compro, los compro, las compro, me vendes, lo necesito, la necesito, los necesito,
                las necesito, quiero uno, quiero una, quiero dos, necesito uno, necesito una, necesito dos, cuanto
                cuesta, cuanto cuestan, cuanto sale, cuanto salen, cuanto vale, cuanto valen, cuanto seria, cuanto
                cobran, cuanto cobras, precio por unidad, precio unitario, (tienen|tienes|hay) (catalogo|lista de
                precios|menu con precios|carta con precios), lista de precios, sigue en venta, yo quiero, (en|de|hay en|
                tienen en|lo tienen en|la tienen en|viene en|vienen en) (otro color|otros colores| otra talla|otras
                tallas|mas colores|mas tallas|otro modelo|otros modelos|otro tamano|otros tamanos), (tienen|tienes| hay|
                lo tienen|la tienen|los tienen|las tienen|viene|vienen) (en|de) (color|talla|negro|blanco|rojo|azul|
                verde|rosa|gris| beige|cafe|morado|amarillo|dorado|plateado|numero), (tienen|tienes|hay|queda|quedan)
                (talla|tallas|numero|numeros) (s|m|l|xl|xs|xxl|chica|mediana|grande|4|5|6|7|8|10|12|14|16|22|23|24|25|
                26|27|28|30|32|34|36|38|40|42), me lo apartas, me la apartas, me los apartas, me las apartas, lo aparto,
                la aparto, quiero (unirme|inscribirme|ser socio|ser socia|hacerme socio|hacerme socia|afiliarme), como
                (me uno|me inscribo|me afilio|me hago socio|me hago socia|hago para inscribirme), lista de espera, me
                apunto, nos apuntamos, (tienen|hay|tendran) (turnos|turno|citas|cita|lugar|lugares|cupo|cupos| espacio|
                espacios|disponibilidad|mesa|mesas|habitaciones|habitacion) (para|el|este|esta|hoy|manana|libre|libres|
                disponible|disponibles), (quiero|quisiera|queremos|necesito) (encargar|pedir|ordenar|reservar|comprar)
                (un|una|unos| unas|el|la|los|las|dos|tres|2|3|4|5|10|20), (pasame|pasa|pasen|pasas|mandame|manda|me
                pasas|me mandas) (el|los|) (precio| precios|price|costo|info|catalogo), a como (el|la|los|las|sale|
                salen|esta|estan|es|son|lo|la|me|te|nos|queda|quedan|dan|das|dejas| deja|vendes|venden), en cuanto (lo|
                la|los|las) (dejas|deja|dejan|vendes|vende|venden|das|da|dan), (todavia|aun|aún) (hay|quedan|tienen|
                tendran|venden) (boletos|entradas|lugares|tickets|cupos|mesas|habitaciones|plazas|funciones|espacios),
                (hay|quedan) (boletos|entradas|lugares|cupos|plazas), me (lo|la|los|las) (envien|envias|envian|mandan|
                mandas|manden|traen| entregan|entregas|llevan|llevas|pueden enviar|pueden mandar|puedes mandar|puedes
                enviar), agendar una visita, (ver|visitar) (el|la) (depa|departamento|casa|propiedad|local|terreno),
                precio de contado, de contado,
            """,
            2.0: """
                mas barato, mas barata, mas economico, mas economica, mas baratos, el mas barato, la mas
                barata,
                precio, precios, costo, costos, valor, tarifa, tarifas, cotizacion, cotizar, cotizaciones, presupuesto,
                compro, apartar, aparto, apartado, apartame, apartamelo, me interesa, interesado, interesada,
                interesados, interesadas, me interesan, mas info, mas informacion, info, informes, al privado, por
                privado, por interno, al interno, al dm, por dm, al md, por md, x dm, x md, dm porfa, md porfa,
                catalogo, venden, vendes, a la venta, lo venden, la venden, cuanto por, x mayor, donde los consigo,
                donde lo consigo, donde la consigo, en que colores, que colores, colores disponibles, que tallas, que
                numeros, tienen tienda, tienda fisica, tienda online, pagina para comprar, link para comprar, link de
                compra, enlace de compra, (me|nos) pasas el link, pasen el link, manda el link, pasame el link, whatsapp
                para pedidos, numero para pedidos, pedidos al, hacer pedido, envio, envios, domicilio, a domicilio,
                disponible, disponibles, disponibilidad, stock, existencia, existencias, talla, tallas, reservar,
                reservacion, reservaciones, agendar, inscripcion, inscribirme, matricula, clase de prueba, prueba
                gratis, membresia, membresias, mensualidad, otros colores, otro color, otras tallas, en color, en talla,
                socio, socia, afiliarme, afiliacion,
            """,
            1.5: """
                comprar, informacion, inbox, envian, envias, delivery, despacho, despachos, medidas,
                numero de calzado, reserva,
                reservas, cita, turno, turnos, pedido, pedir, encargar, encargo, encargos, ordenar, compra, descuento,
                descuentos, cupon, cupones, codigo de descuento, promocion, promociones, combo, combos, suscripcion,
                suscribirme, inscribirse, venta, ventas, costo de envio, envio gratis, gratis el envio, incluye envio,
                incluye el envio, comprarlo, comprarla, comprarlos, pedirlo, pedirla, llevarlo, llevarla, encargarlo,
                cuanto, cuanta, cupo, cupos, turnos, apuntarme, inscribo, boletos, entradas, a como, hay chance, de
                contado, depa,
            """,
            1.0: """
                quiero, quisiera, necesito, me gustaria, deseo, busco, ocupo, me urge, urge, cuotas, tarjeta, efectivo,
                transferencia, promo, promos, oferta, ofertas, paquetes, agenda, flete, recoger, para llevar, pick up,
                reparto, entregas, mandan, llegan, llega a
            """,
            0.5: "pago, pagar, compras, orden, paquete, menu, carta, factura, entrega, entregan, meses",
        },
        "question": {
            2.0: """
                una pregunta, tengo una pregunta, tengo una duda, una duda, una consulta, consulta, pregunto,
                preguntaba, les pregunto, les consulto, te consulto, te pregunto, queria saber, quisiera saber, me
                gustaria saber, quiero saber, necesito saber, alguien sabe, saben si, sabes si, sabe si, alguien que
                sepa, alguien me puede, me pueden (decir|ayudar|informar|orientar| explicar|confirmar|indicar|responder|
                apoyar), me podrian (decir|ayudar|informar|orientar|explicar| confirmar|indicar|responder|apoyar), me
                puedes (decir|ayudar|informar|orientar|explicar|confirmar| indicar|responder|apoyar), me podrias (decir|
                ayudar|informar|orientar|explicar|confirmar|indicar), (a que|a q|a k|aque|a ke) hora (abren|cierran|
                abre|cierra|empieza|empiezan|inicia|termina|es|son| llega|sale|pasan|atienden), (que|q|k|cual es el|cual
                es su|cuales son sus|cual es) (horario| horarios), horario de atencion, horarios de atencion, (abren|
                atienden|trabajan|estan abiertos|abriran) (hoy|manana|el domingo|los domingos|el sabado|los sabados|los
                lunes|festivos| feriados|en feriado|en navidad|en semana santa|todos los dias), (donde|onde|en donde|
                adonde) (estan|queda|quedan|se encuentran|estan ubicados|es|esta el local| esta la tienda|se ubican|los
                encuentro|puedo ver|puedo encontrar|es el evento), como (funciona|funcionan|se usa|se utiliza|se aplica|
                se prepara|se hace|le hago|hago para| me registro|llego|se llega|cancelo|cambio|activo|descargo|entro|
                ingreso|accedo|participo|saco| obtengo), reciben (auto|carro|coche) a cuenta, a cuenta, se admiten,
                admiten,
            """,
            1.5: """
                pregunta, preguntas, duda, dudas, consultas, es posible, sera posible, es seguro, es apto, es apta, son
                aptos, tienen opciones, tienen opcion, aceptan mascotas, pet friendly, estacionamiento, parqueadero,
                parqueo, horario, horarios, ubicacion, ubicados, direccion, como llego, como llegar, cuanto tiempo,
                cuantos dias, cuantas horas, que dias, que incluye, ingredientes, receta, sin gluten, apto para,
                ayudenme, necesito ayuda, como hago, como se, que significa, hasta cuando, desde cuando, explicame,
                requisitos, recomiendan, es necesario, hace falta, se necesita, es obligatorio,
            """,
            1.0: "se puede, se pueden, incluye, vegano, vegana, vegetariano, alguien, ayuda, saben, por que",
            0.6: "cuando, donde, como, que tal, a partir de, xq, pq, porq, por q, x q, porfa, por favor",
            3.0: """
                cuanto
                (dura|duran|tarda|tardan|demora|demoran|mide|miden|pesa|pesan|tiempo|falta|faltan|calorias|gente|personas|anos|
                horas|minutos|dias), (disponible|disponibles) (para|en)
                (android|ios|iphone|ipad|tablet|tablets|mac|windows|pc|computadora|smart tv),
                reembolsable, reembolsables, (la|su|tu|el) (garantia|seguro|poliza|plan)
                (cubre|cubren|incluye|incluyen|aplica), cada cuanto, cada cuantos, cada cuantas, de que
                (sabor|color|talla|material|marca|tamano|tela|es|son|esta hecho|esta hecha), (que|cual)
                (camara|lente|marca|
                filtro|app|aplicacion|programa|editor|telefono|celular|preset|microfono)
                (usas|usan|usaste|usaron|es|utilizas), adentro o afuera, dentro o fuera, (hay|tienen)
                codigo de vestimenta,
                (es necesario|hace falta|hay que|se necesita|se requiere|es obligatorio|necesito) (reservar|reserva|
                cita| hacer reserva|sacar cita|pagar|llevar|registrarse|registrarme|inscribirse|inscribirme|agendar|cita
                previa|turno), que me recomiendan, que me recomiendas, cual me recomiendan, cual me recomiendas, que
                recomiendan, cuales son los requisitos, que requisitos, sirve para, (el|la|los|las) (precio|precios|
                costo|costos|tarifa|tarifas|entrada|entradas|paquete|plan|membresia) (incluye|incluyen), precio incluye,
                incluye (iva|impuestos|envio|el envio|desayuno|estacionamiento|propina), (hacen|emiten|dan) factura,
                (tiene|tienen) (costo|costo adicional|cargo|cargo extra|algun costo), (que|cual|cuál) (talla|numero|
                tamano) (soy|uso|me queda|le queda|me recomiendan|pido|debo pedir|necesito|elijo), (cual|saber cual) es
                mi (talla|numero|medida), mi talla,
            """,
        },
        "complaint": {
            0.8: """
                dos veces, tres veces, soporte,
            """,
            1.5: """
                todavia no, aun no, dejaron de, dejo de, marchitas, marchitos, marchito,
            """,
            2.5: """
                es un chiste, un chiste, (llego|me llego|vino|recibi) (un|una)
                (articulo|producto|prenda|equipo|) (usado|usada), con pelos, medio vacio, medio vacia,
                asi no, (dejaron|dejo|deja|dejan) de (cargar|funcionar|servir|prender|encender|
                responder|enfriar|calentar|andar|sonar), (todavia|aun) no (sale|llega|me llega|ha
                salido|lo envian|lo mandan|me responden|me contestan|lo reciben|lo recibo), asi (me|nos)
                (tratan|trata|atienden), asi tratan, intoxique, intoxicamos, intoxico, me intoxique, me
                miro feo, nos miro feo, llegaron (marchitas|marchitos|rotas|rotos|abiertas|
                abiertos|tarde|frias|frios|vencidas|vencidos), llego
                (marchito|marchita|abierto|abierta|vencido|vencida), (vino|llego|me llego|me vino|lo
                mandaron|me lo mandaron) sin, (sigo|les sigo|seguimos) dando oportunidades, me siguen
                saliendo, siguen saliendo, descompuesto, descompuesta, descompuestos, descompuestas,
                (sabia|sabe|sabian|olia|huele| olian|huelen) a
                (jabon|cigarro|humo|cloro|quimico|quimicos|medicina|metal|carton|nada|drenaje|orina|basura|moho|
                pescado|humedad), aplastado, aplastada, aplastados, aplastadas, derretido, derretida,
                derretidos, derretidos, gracias por
                (nada|cancelar|cancelarme|cancelarnos|dejarme|dejarnos|hacerme
                esperar|ignorarme|arruinar|arruinarme|la espera| nada eh), que pedo con
                (su|el|la|ustedes|tu|mi), (me|nos) arruinaron, sigo sin, se
                (murieron|murio|marchitaron|marchito) (en|a los|al|despues), me llene de
                (granos|ronchas|manchas|alergia), granos, ronchas, me
                (rayo|rayaron|golpeo|golpearon|choco|chocaron|rompio|rompieron|mancho|mancharon|quemo|quemaron|arruino|
                perdio|perdieron|dano|danaron|corto mal|cortaron mal) (el|la|los|las|mi|mis), se
                (rio|rieron|burlo|burlaron) (de mi|de nosotros|en mi cara|y|), se rio, se burlo,
            """,
            3.0: """
                se me
                (rompio|despego|descosio|cayo|rayo|desarmo|quebro|partio|pelo|borro|decoloro|encogio|desgasto|desarmo|rompieron|
                despegaron|cayeron), (primera|segunda|tercera) (lavada|puesta|vez que lo use|vez que la
                use|vez que lo lave), primer (lavado| uso), al (mes|dia|par de dias|ano) de
                (uso|usarlo|usarla|comprarlo|comprarla), a la semana de (uso|usarlo|usarla|
                comprarlo|comprarla), me (cancelan|cancelaron|cambiaron|cambian|cobran de mas|dejan
                esperando), una burla, es una burla, nadie (avisa|aviso|me aviso|nos
                aviso|informa|informo|me informo|nos informo), sin avisar, sin previo aviso, fui para
                nada, (y|pero) adivinen, marcado como entregado, me (lo|la|los|las) marcaron como
                entregad*, me marcaron como entregado, (aparece|sale|dice) (como|) entregado, (ya no
                es|no es) (la misma|el mismo|lo mismo), me siguen
                (cobrando|mandando|enviando|llamando|molestando|ignorando|debiendo), siguen cobrando,
                siguen sin, (se|me) (olvido|olvidaron) (de|mi|el|la|nuestro|nuestra|nuestros|nuestras),
                nos (olvidaron|ignoraron|ignoran), me (bloquearon|
                bloqueo|suspendieron|cerraron|borraron) (la|mi), (no se|no) (entiende|entienden), no hay
                (numero|nadie|forma|manera| quien) (de|que|para), respuestas automaticas,
                (olia|huele|olian|huelen|sabia|sabe) a (pescado|podrido|viejo|pasado|
                rancio|quemado|humedad|cloro|plastico), (totalmente|completamente|muy)
                (distinto|distinta|diferente) (al|a la|a lo|de lo) (que|del), distinto al que
                (pedi|pedimos|compre), diferente al que (pedi|pedimos|compre), ni (nos|me)
                (pelaba|pelaban| pela|pelan|hacia caso|hacian caso|miraba|miraban|atendia|atendian), ni
                siquiera nos, gotea, gotean, se sale el agua, cero
                (comunicacion|ayuda|respuesta|respuestas|atencion|estrellas|seguimiento|profesionalismo|seriedad|empatia),
                (daria|doy|damos|daria) (cero|0|una|1|menos de una) (estrellas|estrella), (es la|sera
                la|fue la) ultima vez que, ultima vez que (les|le|te|nos|)
                (compro|compre|pido|pedi|vengo|vine|voy|fui|reservo|uso|ordeno), (se va y viene|se va a
                cada rato|se corta|se cae) (el internet|la senal|la luz|el servicio|toda|todo|cada), se
                va y viene, nadie (me dice|nos dice|sabe|me explica|nos explica|me da|nos da|puede|me
                puede|nos puede|se hace responsable|responde por), de que sirve, por que
                (tengo|tenemos|debo|debemos|hay) que
                (llamar|esperar|escribir|ir|pagar|insistir|rogar|reclamar|venir|repetir), por que
                siempre, es mucho pedir, no es posible que, no puede ser que,
                (pedi|pedimos|dije|dijimos|les dije|le dije) (especificamente|claramente|bien claro),
                (no|nunca) (respetan|respetaron|respeto|respeta|me dejaron|nos dejaron|me quisieron|nos
                quisieron|quisieron) , me hicieron esperar, nos hicieron esperar, (con|le faltan|le
                faltaban|faltan| faltaban) (paginas|piezas|partes|botones|cosas|productos|articulos)
                (faltantes|de menos|), paginas faltantes, piezas faltantes, (mi|la) factura
                (subio|aumento|vino|llego) (mas|con|sin|muy|al doble|el doble), me (cobraron|cobran|
                subieron) (mas|de mas|extra) sin, el primer dia, al primer dia, (me|nos)
                (sacaron|dieron|causaron| provoco|provocaron)
                (ampollas|alergia|sarpullido|comezon|diarrea|dolor), perdieron
                (mi|la|el|los|las|nuestra|nuestro),
                reembols*, devuelvan, devuelvanme, devuelveme, devolverme, devolucion de mi dinero, mi dinero de vuelta,
                quiero mi dinero, exijo, estafa*, fraude, fraudes, fraudulent*, robo, un robo, roban, robaron, ladrones,
                rateros, pesimo, pesima, pesimos, pesimas, malisimo, malisima, malisimos, la peor, el peor, lo peor, los
                peores, las peores, horrible, horribles, terrible, terribles, asco, asqueroso, asquerosa, asquerosos,
                que asco, da asco, un asco, una porqueria, porqueria, basura, lamentable, deplorable, inaceptable,
                nefasto, nefasta, patetico, patetica, vergonzoso, vergonzosa, verguenza, que verguenza, una verguenza,
                decepcion, decepcionado, decepcionada, decepcionados, decepcionante, desilusion, desilusionado,
                desilusionada, fatal, un desastre, que desastre, desastre, (no|nunca|aun no|todavia no|jamas) (me|nos|)
                (llego|llegaron|llega|llegan|respondieron|respondio| responden|responde|contestan|contesta|contestaron|
                contesto|atienden|atendieron|resuelven| solucionan|dieron respuesta|dan respuesta|devolvieron|devuelven|
                reembolsaron|enviaron|mandaron| entregaron|funciona|funciono|sirve|sirvio|repusieron), (no|aun no|
                todavia no) (me|nos|) (ha|han) (llegado|respondido|contestado|devuelto|reembolsado| enviado|entregado|
                solucionado|resuelto), (no|nunca) (me|nos) (dan solucion|dejan|deja|hacen caso|pelan), sigo esperando,
                seguimos esperando, sigue sin llegar, siguen sin responder, sigo sin respuesta, sin respuesta, sin
                solucion, sin ninguna respuesta, todavia espero, aun espero, estoy esperando (mi|el|la|hace|desde|
                respuesta), llevo esperando, llevamos esperando, cuanto mas tengo que esperar, hasta cuando tengo que
                esperar, (nadie|ni) (contesta|responde|atiende|me responde|me contesta|me atiende|me ayuda|ayuda|da la
                cara| dice nada|resuelve|soluciona|contestan|responden|atienden), no (contestan|responden|atienden|dan
                respuesta|resuelven|solucionan|dan la cara|tienen verguenza|sirven|sirve para nada|sirve de nada|vuelvo|
                volvere|volveremos|regreso|regresare| compren|compres|pidan|pidas|vayan|vayas|se los recomiendo|lo
                recomiendo|la recomiendo| los recomiendo|las recomiendo|recomiendo|es recomendable|recomendable|vale la
                pena|valio la pena| cumplen|cumplieron|cumple|cumplio|funciona|funcionan|funciono|carga|me deja|me
                dejan| es lo que (pedi|compre|ordene|pague)|era lo que (pedi|pedimos)|llego completo|llego bien), no
                puedo (entrar|acceder|ingresar|iniciar sesion|pagar|cancelar|comunicarme|contactarlos), nunca mas, jamas
                vuelvo, jamas volvere, ni loco vuelvo, ni loca vuelvo, no vuelvo a (comprar|pedir|ir), dejo de
                funcionar, dejaron de funcionar, ya no funciona, ya no sirve, se cae, se cayo, se traba, se congela, se
                cierra sola, se cierra solo, me cobraron (dos veces|doble|de mas|sin|algo|un| una|el|por), cobro doble,
                doble cobro, cobro indebido, cobros indebidos, cargo no reconocido, cobraron de mas, (cancelen|cancelar|
                cancelo|cancele) (mi|el|la|mis) (pedido|orden|suscripcion|cuenta| membresia|compra|reserva|plan|
                contrato|servicio), (llego|llegaron|vino|vinieron|mandaron|enviaron|estaba|venia|salio) (roto|rota|
                rotos|rotas|danado|danada|danados|danadas|abierto|equivocado| equivocada|incompleto|incompleta|mal|frio|
                fria|frios|frias|tarde|vencido|vencida|caducado|caducada| podrido|podrida|crudo|cruda|quemado|quemada|
                sucio|sucia|diferente|otro|otra|mojado|defectuoso| defectuosa|usado|usada|manchado|manchada|descosido|
                golpeado|golpeada), mal servicio, mala atencion, malas atenciones, pesima atencion, mal trato, maltrato,
                malos tratos, mala calidad, mala experiencia, mala onda, mal producto, mala comida, muy malo, muy mala,
                muy mal, que mal, (muy|super|bastante|re|tan|demasiado) (caro|cara|caros|caras|lento| lenta|lentos|
                tardado|tardados|grosero|grosera|groseros|maleducado|maleducados|mal educado| mal educados|decepcionado|
                decepcionada|molesto|molesta|enojado|enojada|indignado|indignada), grosero, grosera, groseros, groseras,
                groserias, maleducado, maleducada, maleducados, mal educado, mal educada, mal educados, prepotente,
                prepotentes, despota, irrespetuoso, irrespetuosa, incompetente, incompetentes, inutiles, ineptos,
                impuntuales, irresponsables, sinverguenzas, sin verguenza, estoy (harto|harta|hartos|hartas|molesto|
                molesta|enojado| enojada|indignado|indignada|furioso|furiosa|decepcionado|decepcionada|cansado de
                esperar| cansada de esperar), me (enoja|molesta|indigna|da coraje|da rabia) que, queja, quejas,
                quejarme, me quejo, reclamo, reclamos, reclamacion, reclamaciones, libro de reclamaciones, hoja de
                reclamaciones, denuncia, denunciar, denunciare, profeco, indecopi, sernac, publicidad enganosa,
                enganosa, enganoso, engano, enganan, enganaron, mentira, mentiras, mentiroso, mentirosos, mentirosa,
                mienten, mintieron, falsos, abuso, abusivo, abusivos, me vieron la cara, nos vieron la cara, cucaracha,
                cucarachas, pelo en, un pelo en, una mosca, intoxicacion, intoxicado, intoxicada, me enferme, nos
                enfermamos, diarrea, no (lo|la|los|las) (recomiendo|recomendaria|recomendamos), para nada recomendable,
                no es lo que pedi, perdieron mi, se perdio mi, extraviaron, extraviado, ya pague y, pague y no, ya no es
                lo mismo, no es lo mismo, antes era (mejor|bueno|buena|rico|rica), empeoro, empeoraron, ha empeorado,
                han empeorado, me cancelaron, nos cancelaron, (subieron|aumentaron|suben|aumentan) (los|el|sus|su)
                (precios|precio), subieron los precios, aumento de precio, me ignoraron, nos ignoraron, me dejaron en
                visto, me colgaron, me tienen esperando, nos tienen esperando, ni una respuesta, falta de respeto, no
                respetan, me prometieron, nos prometieron, incumplieron, incumplidos, incumplimiento, me arrepiento,
                arrepentido, arrepentida, esperaba (mas|mejor| otra cosa), sobrevalorado, sobrevalorada, espantoso,
                espantosa, desagradable, inadmisible, tramposos, apesta, huele mal, mugre, mugroso, mugrosa, chafa,
                chafas, echado a perder, no vale la pena, no lo vale, arruinaron, arruino, me vendieron (un|una|algo)
                (producto|articulo|cosa|equipo|) (defectuoso|defectuosa|roto|rota|falso|falsa|usado|usada|danado|
                danada), y nada, aun nada, todavia nada, sigo sin (respuesta|mi|el|la|noticias), horas esperando, dias
                esperando, semanas esperando, tardisimo, tercer reclamo, segundo reclamo, otro reclamo, sin avisar, y
                (vino|llego|me llego|me dieron|me trajeron|me mandaron|me enviaron|trajeron|mandaron|me sirvieron|
                sirvieron) (con|sin|otro|otra|otra cosa|mal|diferente|equivocado|equivocada|frio|fria|roto|rota|tarde|
                incompleto| incompleta), no se parece (a la|a las|en nada a la|en nada a las) (foto|fotos|imagen|
                imagenes|publicidad), nada que ver con (la|las|lo que) (foto|fotos|imagen|imagenes|publicidad|muestran|
                anuncian|ofrecen), no es como (en|la|las) (foto| fotos|imagen|imagenes), (muy|demasiado|super) poca
                cantidad, porciones pequenas, porcion pequena, (tercera|cuarta|quinta|segunda) vez que (escribo|les
                escribo|reclamo|llamo|pido|me pasa|pasa), (llevo|llevamos) (dias|semanas|meses|horas) (escribiendo|
                esperando|llamando|intentando|reclamando), (me|nos) (trato|trataron|atendio| atendieron) (mal|muy mal|
                pesimo|fatal|horrible|de la peor manera), nos atendieron mal, me atendieron mal, (me|nos) (canse|
                cansamos|cansé) de (reclamar|esperar|escribir|llamar|insistir|preguntar), ya me canse, ya nos cansamos,
                (segunda|tercera|cuarta|quinta|enesima) vez, de reclamar, se (despego|rompio|descosio|decoloro|destino|
                despinto| pelo|raya|rayo|abollo|encogio|desarmo|cayo el) , (me|nos) dejaron plantad*, dejaron plantad*,
                mal (empacado|empaquetado| embalado|envuelto), que bronca, menudo desastre, vaya desastre, vaya mierda,
                una mierda, que mierda, la senal se cae, se cae a cada rato, a cada rato, lentisimo, lentisima,
                lentisimos, (podria|podrian|puede|pueden|deberian|deben|tienen que|tendrian que) (ser|estar| haber sido|
                ) mejor, (deben|deberian|tienen que|necesitan) mejorar, puede mejorar, pueden mejorar, (sabe|sabia|
                sabian|saben|huele|olia) (raro|mal|feo|a quemado|rancio|viejo|agrio|a plastico|horrible), (esta|estaba|
                venia) (rancio|rancia|agrio|agria|pasado| pasada|echado a perder), se (equivocaron|confundieron) (con|
                de) (mi|el|la|los), (me|nos) dijeron que no (habia|hay|tenian|tienen|estaba|podian|pueden|atienden|
                estaba disponible), (no me|no nos) (dan|dieron|han dado) (acceso|respuesta|solucion|factura|el
                reembolso|mi dinero|una solucion), (no tengo|sin|no tenemos) acceso, y no me (dan|dieron|llega|llego|han
                dado|han enviado|mandaron|enviaron|responden| contestan|devuelven|han devuelto), faltaron, falto,
                faltaban, faltaba, la mitad de (las cosas|los productos|mi pedido| lo que pedi), antes era mi (lugar|
                cafe|restaurante|tienda|marca) favorit*, ya no es mi, me cobraron despues de, otro (retraso|problema|
                error|pretexto|pedido equivocado), otra (demora|falla|excusa|vez lo mismo|cancelacion), si claro, ajá
                sí,
            """,
            2.0: """
                despego, descosio, decoloro, encogio, desarmo, destiño, desteñido, destenido, despegado,
                descosido, a los (dos|tres| pocos|2|3) dias, a la semana, otra vez me, de nuevo me,
                adivinen, llenisima, llenisimo, olvidaron, se olvido, bloquearon, automaticas, pescado
                pasado, esta pasado, estaba pasado, seco, seca, secos, secas, recocido, recocida,
                chicloso, chiclosa, aguado, aguada, aguados, tibio, tibia, ampollas, ampolla,
                sarpullido, comezon, picazon, rayado, rayada, abollado, abollada, manchado, manchada,
                faltantes, faltante, intermitente, sin senal, sin servicio, sin internet, a las
                carreras, de mala gana, especificamente, me negaron, se negaron, incorrecto, incorrecta,
                equivocacion, errores, sin explicacion, sin ninguna explicacion, sin explicaciones,
                empapado, empapada, empapados, bajo la lluvia, mojado, mojada,
                malo, mala, malos, malas, feo, fea, carisimo, carisima, lento, lenta, lentos, tardan, tardaron, tardado,
                tardadisimo, demora, demoran, demoraron, demorado, retraso, retrasado, atrasado, atrasados, atraso,
                crudo, cruda, quemado, quemada, insipido, insipida, sin sabor, sucio, sucia, sucios, sucias, roto, rota,
                rotos, rotas, danado, danada, defectuoso, defectuosa, equivocado, equivocada, equivocaron, incompleto,
                incompleta, molesto, molesta, molestos, enojado, enojada, enojados, indignado, indignada, indignante,
                harto, harta, furioso, furiosa, frustrado, frustrada, frustrante, no sirve, no funciona, no llega, no
                llego, no ha llegado, peor, no me gusto, no nos gusto, no me gusta, que paso con, y mi pedido, y mi
                dinero, y mi reembolso, donde esta mi, donde quedo mi, es el colmo, el colmo, no puede ser, como es
                posible, cada vez peor, siempre lo mismo, otra vez lo mismo, dejen de, dejen de enviar, dejen de mandar,
                no me manden, lamentablemente, desafortunadamente, por desgracia, que lastima, una lastima, una pena,
                fallaron, descuido, descuidados, informales, desabrido, desabrida, soso, sosa, grasoso, ruidoso,
                gritaron, grito, en visto, nada de nada, ni siquiera, supuestamente, se supone que, prometieron,
                quedaron en, mediocre, cobraron, me descontaron, demasiado tiempo, pesimos, defectuoso,
            """,
            1.0: """
                mal, caro, cara, caros, frio, fria, falla, fallas, fallo, fallando, error, errores, problema, problemas,
                un problema, inconveniente, inconvenientes, enoja, coraje, rabia, triste, cansado, cansada, esperando,
                cancelar, cancelacion, cancelado, devolucion, devolver, garantia, reponer, reposicion, mi dinero, para
                cuando, hasta cuando, ya van, ya son, en serio, spam, acoso, otra vez, nadie, hace dias, hace semanas,
                lastima, cero, olor, ruido, mucho tiempo, cargo, cargos, salado, flojos, hace un mes, hace
                una semana, al llegar, no habia, la mitad,
            """,
            0.5: """
                espera, espere, esperamos, llevo, semanas, nunca, jamas, de nuevo, cambio, mi pedido, mi paquete, mi
                orden, mi compra, cuando me, cuando llega mi, cuando llegara mi, ya no, que onda con, bloquear
            """,
        },
        "praise": {
            2.5: """
                obsesionada, obsesionado, obsesionadas, obsesionados, obsesion, un 10, 10 de 10, se
                superaron, te superaste, se supero, talento, talentoso, talentosa, talentosos, que
                alegria, (la|mi) mejor compra, esto merece, merece (mas|muchos mas|muchisimos mas),
                merecen (mas|muchos mas), no puedo creer lo
                (suave|bueno|buena|rico|rica|lindo|linda|facil|rapido|comodo|comoda|bonito|bonita|hermoso|hermosa|
                fresco|ligero|ligera), (soy|somos) (su|tu|tus|sus|muy)
                (fan|fans|fanatica|fanatico|seguidora fiel|cliente fiel), (diez|cinco|mil) estrellas,
                (siempre|nunca dejan de) (impresionan|sorprenden|me sorprenden|me impresionan|nos
                sorprenden), que ternura, ternura, (gente|equipo|personal|atencion)
                (linda|lindo|amable|hermosa|increible|de diez), inolvidable, inolvidables, memorable, mi
                lugar feliz, lugar feliz, un placer, siempre es un placer, es un placer, sigo pensando
                en, no dejo de pensar en, calido, calida, calidos, es un amor, son un amor, tesoro, que
                (voz|vista|lugar|show|
                espectaculo|talento|paisaje|foto|fotos|ambiente|sabor|arte|obra|trabajo|equipo|atencion|detalle|detalles|outfit|look|
                cambio|transformacion|resultado|resultados|idea|ideas|concepto|noche|experiencia), esa
                vista, esta vista, facilisimo, facilisima, super facil, muy facil, super estable, muy
                estable, magico, magica, de ensueno, sonado, mis respetos, todo mi respeto, son unos
                cracks, unos genios,
                me encanta, me encantan, me encanto, me encantaron, nos encanta, nos encantan, nos encanto, me fascina,
                me fascinan, me fascino, nos fascina, me enamore, enamorada, enamorado, enamorados, lo amo, la amo, los
                amo, las amo, amo (su|sus|tu|tus|este|esta|estos|estas|el|la|los|las|esto|eso| todo|como), amamos,
                excelente, excelentes, increible, increibles, buenisimo, buenisima, buenisimos, buenisimas, riquisimo,
                riquisima, riquisimos, riquisimas, delicioso, deliciosa, deliciosos, deliciosas, deliciosisimo,
                exquisito, exquisita, exquisitos, espectacular, espectaculares, maravilloso, maravillosa, maravillosos,
                maravilla, una maravilla, fantastico, fantastica, fantasticos, fenomenal, fenomenales, estupendo,
                estupenda, genial, geniales, bellisimo, bellisima, hermosisimo, hermosisima, preciosisimo, lindisimo,
                lindisima, divino, divina, divinos, divinas, perfecto, perfecta, perfectos, impecable, impecables, de
                lujo, un lujo, de primera, lo maximo, son lo maximo, es lo maximo, los mejores, las mejores, el mejor,
                la mejor, lo mejor, sin duda el mejor, sin duda la mejor, no hay (nada mejor|otro igual|otra igual|
                mejor|como ustedes), nada mejor, (muy|super|re|tan|que) (rico|rica|ricos|ricas|bueno|buena|buenos|
                buenas| lindo|linda|lindos|lindas|bonito|bonita|bonitos|bonitas|hermoso|hermosa|amables|amable|atentos|
                atentas|atento|atenta|recomendable|recomendado|recomendados|padre|chido|chida|chidos|bacan|bacano|
                chevere|guay|top|contento|contenta|contentos|satisfecho|satisfecha|feliz|felices|agradecido| agradecida|
                profesional|profesionales|puntual|puntuales|rapido|rapida|bello|bella), que rico, que delicia, una
                delicia, que belleza, una belleza, que hermoso, que hermosa, que lindo, que linda, que bonito, que
                bonita, que bueno, que buena, que padre, que chido, que chevere, que bacan, que maravilla, que genial,
                que increible, que calidad, que nivel, que crack, que cracks, mil gracias, muchas gracias, muchisimas
                gracias, gracias por (todo|la|el|su|sus|tu|tus|atender| compartir|ser|existir|hacer|tanto|siempre|
                responder|la atencion|el servicio), gracias totales, infinitas gracias, super agradecido, super
                agradecida, muy agradecido, muy agradecida, felicidades, felicitaciones, felicito, los felicito, te
                felicito, la felicito, enhorabuena, bravo, sigan asi, siga asi, sigue asi, sigan adelante, exitos, mucho
                exito, muchos exitos, 100 recomendado, 100 recomendable, super recomendado, super recomendable, muy
                recomendado, muy recomendable, recomendadisimo, recomendadisima, totalmente recomendado, altamente
                recomendado, los recomiendo, la recomiendo, lo recomiendo, se los recomiendo, recomiendo (mucho|100|
                muchisimo| ampliamente|totalmente|al 100|a todos|este lugar), recomendado, recomendada, recomendados,
                recomendadas, recomendable, vale la pena, valio la pena, valio cada peso, buen servicio, buena atencion,
                excelente atencion, excelente servicio, atencion de primera, servicio de primera, calidad de primera,
                buena calidad, gran calidad, excelente calidad, cinco estrellas, diez de diez, nada mal, no esta nada
                mal, me gusto mucho, me gusta mucho, nos gusto mucho, me gustan mucho, super bien, muy bien, que bien,
                todo excelente, todo perfecto, todo delicioso, todo riquisimo, son los mejores, son las mejores, son
                geniales, son unos cracks, cracks, idolos, idolas, capos, unos capos, una chulada, que chulada, chulada,
                chingon, chingona, chingones, bacan, bacano, bacanisimo, chevere, guay, lo mas, me hizo el dia, me
                alegraron el dia, me alegro el dia, me salvaron, me salvo, nos salvaron, salvavidas, ame (el|la|los|las|
                su|sus|todo|tu|tus|este|esta|como), lo volveria a (comprar|pedir|hacer), volveria a (comprar|pedir|ir|
                venir), sin duda volvere, volveremos, volvere pronto, regresaremos, lo mejor que (he|hemos), mejor que
                nunca, de pelos, de diez, diez puntos, una chimba, que chimba, preciosidad, lindura, atentisimos,
                atentisima, buenazo, buenaza, te pasaste, se pasaron, se lucieron, te luciste, gracias infinitas,
                eternamente agradecido, eternamente agradecida,
            """,
            2.0: """
                gracias, grax, agradecido, agradecida, agradecidos, agradezco, agradecemos, me gusta, me gusto, nos
                gusta, nos gusto, me gustan, me gustaron, rico, rica, ricos, ricas, sabroso, sabrosa, sabrosisimo, deli,
                lindo, linda, lindos, lindas, bonito, bonita, bonitos, bonitas, hermoso, hermosa, hermosos, hermosas,
                precioso, preciosa, preciosos, preciosas, bello, bella, hermosura, belleza, amables, amable, atentos,
                atentas, recomiendo, feliz, felices, contento, contenta, contentos, satisfecho, satisfecha, satisfechos,
                encantado, encantada, encantados, encantadas, encantador, encantadora, guapo, guapa, guapisimo,
                guapisima, elegante, crack, idolo, chido, chida, chulo, chula, brutal, uff, favorito, favorita, mi
                favorito, mi favorita, puntuales, sin palabras, que nivel, todo bien
            """,
            1.2: """
                bueno, buena, buenos, bellas, bellos, emocionado, emocionada, amor, amo, fino, fina, calidad, genio,
                genia, top, bendicion, bendiciones, orgullo, orgulloso, orgullosa, capo, grande, grandes, maestro,
                maestra, mejor, mejores, favoritos, rapido, rapidos, puntual, eficientes, eficiente, profesional,
                profesionales, limpio, limpia, comodo, comoda, acogedor, acogedora, me quedo
            """,
            0.6: "fresco, fresca, frescos, excelencia, exito",
            1.5: """
                disfrute, disfrutamos, disfrutar, disfruto, volveria, volvere, volvemos, regresare, amabilidad, calidez,
                joya, una joya, genialidad, sin palabras, encantadores, puntualidad
            """,
            3.0: """
                me flipa, me flipan, me flipo, me flipaste, flipante, una pasada, que pasada, es una
                pasada, padrisimo, padrisima, padrisimos, padrisimas, chulisimo, chulisima, chulisimos,
                chulisimas, nunca (falla|fallan|decepciona|decepcionan|
                defrauda|defraudan|decepcionaron|fallaron), arte puro, una obra de arte, es arte, mas
                contenido (asi|como este|de este), quiero mas contenido, queremos mas contenido, que
                chulo, que chula, de 10, se la rifaron, se rifaron, te la rifaste, se la rifo, otro
                nivel, es otro nivel, de otro nivel, son unos duros, unos duros, que vibra, que vibras,
                una locura de, nada que decir, no puedo esperar a
                (probarlo|probarla|probarlos|verlo|verla|tenerlo|tenerla|usarlo|usarla|ir|volver), la
                rompieron, la rompiste, la rompen, la rompio, me enganche, ya me enganche, siempre
                vuelvo, siempre volvemos, puro amor,
                (buen|excelente|gran|increible|mejor) (precio|precios|relacion calidad precio|costo beneficio), relacion
                calidad precio, calidad precio, precios accesibles, precios justos, vale cada peso, mola mucho, mola,
                que guay, chingon el, re bueno, re buena, re lindo, re linda, genios, geniales, que chimba, parce que
                bueno, (ya|) quiero volver, quiero regresar, con ganas de volver, ya quiero regresar, mi lugar favorito,
                mi cafe favorito, mi restaurante favorito, explica (super|muy|re|tan) bien, un amor, es un amor,
            """,
        },
        "spam": {
            2.5: """
                te (ofrezco|ofrecemos|propongo|proponemos), (yo|nosotros) te (ayudo|ayudamos), te ayudo,
                poco alcance, (bajo|poco) (alcance|engagement|interaccion), eres el dueno, es el dueno,
                (recibir|reclamar|cobrar|recoger|canjear|reclama|recibe| cobra) (tu|su)
                (premio|regalo|recompensa|bono|pago), (revisa|revisen|checa|chequen) (tu|su|sus|tus)
                (bandeja|dm|md|inbox| privado|mensajes), estoy regalando, estamos regalando, en mi
                cuenta, (diamantes|robux|monedas|skins|pavos|gemas) gratis, gratis de free fire, estamos
                contratando, fotos privadas, contenido privado, (busquenla|busquenlo|buscala|
                buscalo|busquen a|busca a),
            """,
            3.0: """
                escribenos, escribanos, mandanos, envianos, contactanos, contactenos, siguenos, siganos,
                (escribenos|mandanos|envianos) (un|) (dm|md|mensaje|mensajito|privado|whatsapp|correo|al
                dm|al md|al privado), colaborar (contigo|con tu marca|con tu pagina|con su marca),
                queremos colaborar, buscamos (embajadoras|embajadores|modelos|influencers|
                vendedoras|vendedores|distribuidores|distribuidoras|revendedoras|revendedores|socios|socias|colaboradores|
                colaboradoras|personas|gente|chicas|chicos), (te|les) (ayudamos|ayudo|podemos
                ayudar|puedo ayudar) a (crecer|vender| conseguir|aumentar|ganar|posicionar|mejorar|tener
                mas|llegar), (te|les) (conseguimos|consigo|damos|doy) (clientes|
                seguidores|ventas|likes|difusion|visibilidad),
                (hacemos|hago|ofrecemos|ofrezco|realizamos|diseno|disenamos) (publicidad|
                marketing|anuncios|paginas web|sitios web|logos|logotipos|campanas|branding|community
                manager), agencia de (marketing| publicidad|redes), somos una agencia, publicidad en
                (redes|facebook|instagram|google|tiktok), anuncios en (facebook|
                instagram|google|redes|tiktok|meta), (necesitas|quieres|buscas|necesitan|quieren) (mas|)
                (clientes|ventas|seguidores| alcance|visibilidad), (tu|su) (cuenta|pagina) (sera|va a
                ser|podria ser), (sera|va a ser|podria ser) (suspendida|eliminada|deshabilitada|
                bloqueada|desactivada|inhabilitada|borrada),
                (verifica|verifique|confirma|confirme|valida) (tu|su)
                (cuenta|identidad|datos|informacion|pagina), derechos de autor,
                (normas|politicas|reglas) (comunitarias|de la comunidad), actividad sospechosa, apela
                aqui, apelar aqui, (recuperamos|recupero|recuperacion de|recuperar) (cuentas|tu
                cuenta|perfiles| tu perfil), cuentas (hackeadas|robadas|bloqueadas|hackeada), invertir
                con, invierte con, (contactala|contactalo|
                contactenla|contactenlo|busquenla|busquenlo|buscala|buscalo|escribanle|escribele),
                (denle|den|dale|dar|denme|regalame| regalenme) (like|likes|un like|me gusta|corazon)
                (a|en) (mi|mis), apoyen mi, apoyenme, mi (ultima|nueva) (publicacion|
                foto|post|reel|cancion|video), (mi|mis) (portafolio|portfolio|trabajos), (que|quien) me
                (siga|sigan|sigas), me sigan, me sigas, sigo a todos, sigo de vuelta, te sigo de vuelta,
                hablemos por (privado|dm|md|interno|whatsapp| telegram), te escribi (al|por)
                (privado|dm|md|interno|inbox), sorpresa para ti, (que|) comenten su (alias|cuenta|
                numero|correo|cbu|usuario|cvu), te damos difusion, damos difusion, (pasa|pasen|pasate)
                por mi (perfil|pagina|cuenta), (vendo|vendemos)
                (seguidores|likes|vistas|cuentas|suscriptores), seguidores (reales|baratos|organicos),
                (gana|ganar| ganas|gane) (dinero|plata|dolares|pesos|) (viendo|jugando|respondiendo|con
                encuestas|desde el celular), cobre de verdad, ya cobre, (fue|fuiste|ha sido|has sido|han
                sido|sido) (seleccionado|seleccionada|seleccionados|elegido|elegida|escogido|escogida)
                (para|como), (escribe|escribele|escriban|contacta|habla) al
                (administrador|admin|encargado), para (reclamarlo|reclamarla| reclamar tu|reclamar
                su|cobrarlo|recibirlo), (ganar|gana|ganas|generar) (comisiones|comision), revendiendo,
                (shoutout| mencion|difusion|promocion) gratis, (sigan|siga|sigue|sigues|seguir) (mi|mis)
                (cuenta|pagina|perfil|ig|instagram| tiktok), (cuenta|perfil) (falsa|falso),
                (denunciala|denuncialo|reportala|reportalo|denuncia|reporta) (aqui|aca|en este|en el),
                (usa|usan|usando|esta usando|estan usando) tus (fotos|imagenes|contenido|datos),
                crecimiento organico, paquetes de crecimiento, nuestro equipo ofrece, poca interaccion,
                (insignia|verificacion|palomita|check azul) de verificacion, insignia azul, verifica tu
                cuenta, amarres, amarre, brujo, bruja, brujeria, hechizo, hechizos, curandero, (netflix|
                spotify|premium|disney) gratis, (link|enlace) de mi (bio|perfil|biografia), retornos
                del, rendimientos del, ganancias del, (mis|ves mis|ve mis|vean mis|mira mis|miren
                mis|revisa mis) (reels|videos|publicaciones), (hola|hey) (querida|
                querido|preciosa|bella|bonita|mami|papi|reina|princesa), podemos ser amigos, ser amigos,
                (relojes|bolsas|bolsos|tenis| zapatillas|perfumes|lentes) replica,
                (negocios|restaurantes|marcas|tiendas|empresas|salones|gimnasios|clinicas|paginas|cuentas|cafeterias|panaderias)
                (como el tuyo|como la tuya|como el suyo|como la suya|como los tuyos|como las tuyas),
                (enviarte|mandarte|enviarle| mandarle|te envio|te mando|te puedo enviar|te puedo mandar)
                (una|mi|nuestra|la) (propuesta|oferta|cotizacion| portafolio), (tambien vendo|yo
                vendo|yo tambien vendo|vendemos|tambien vendemos), (pasen|pasa|vengan|ven) a (ver|
                visitar|conocer) (mi|nuestra) (tienda|pagina|perfil|cuenta|catalogo), mi tienda,
                ayudamos a, (haciendo|hago|con el) trading, (pague|pagamos|liquide|saque) (mi|mis|la)
                (casa|deuda|deudas|hipoteca|carro|auto|prestamo|prestamos|tarjetas), sin receta,
                (se|hazte|conviertete en)
                (embajadora|embajador|modelo|afiliada|afiliado|distribuidora|distribuidor) (de
                nuestra|de nuestro), productos gratis, recibe productos, (envia|envianos|manda|
                mandanos|enviame|mandame|pasame|pasanos) tu
                (nombre|direccion|datos|numero|cuenta|tarjeta|correo), nombre completo y direccion,
                (edito|diseno|manejo|administro) (tus|sus)
                (videos|logos|redes|paginas|fotos|contenido|anuncios), para ver muestras,
                (deje|deja|dejar|renuncie a) mi trabajo, clase gratis en mi, compro cuentas,
                (compartimos|compartirla|compartirlo|repostear|publicarla|publicarlo) en nuestra,
                etiquetanos, (ganaste| ganaron|ganastes|has ganado) (nuestra|nuestro|un|una|el|la), para
                reclamar, unete a nuestro (grupo|canal|telegram| whatsapp|discord), grupo de telegram,
                propuesta de negocio, (admin|administrador|dueno) (revisa|revise|checa|cheque|mira),
                (elegida|elegido|seleccionada| seleccionado) al azar, mencion gratis,
                (aumentar|aumenta|impulsar|impulsa|multiplicar|duplicar) (tus|sus)
                (ventas|seguidores|ingresos|alcance|clientes| publicaciones), (impulsa|multiplica) tu
                (negocio|publicacion|dinero), (responde|comenta| escribe|contesta)
                (si|info|como|interesado|interesada) (para|y|si|), (mira|miren|ve|vean|revisa|revisen)
                mi (historia| historias|reel|reels|destacadas), a cambio de una
                (publicacion|resena|historia|mencion), (nominado|nominada|seleccionado| seleccionada)
                (al|para el|a un) premio, bot de trading, con este truco, este truco,
                (buscando|buscamos) (creadoras|creadores|creadoras de
                contenido|influencers|embajadoras|modelos|promotoras| afiliadas|afiliados), (somos|soy)
                (una|un) (marca|empresa|agencia|emprendimiento|startup), colaboremos, hagamos una
                (colab|colaboracion), muestras gratis, (mandanos|envianos|pasanos|escribenos) tu
                (direccion|datos|numero|correo), se tu propio jefe, se tu propia jefa, unete a mi
                equipo, trabajemos juntos, link en la bio, link en bio, enlace en la bio, links en la
                bio, (auditoria|auditorias|asesoria|asesorias) (gratis| gratuita|gratuitas), prueba
                gratis (nuestra|nuestro|mi), (nuestra|mi) (herramienta|plataforma|app|aplicacion|
                software|curso|programa) (de|con|para), (comenta|escribe)
                (dinero|plata|info|si|yo|quiero|link) (y|para|si|abajo|), dinero extra,
                sigueme, siganme, te sigo y me sigues, sigo de vuelta, follow x follow, fxf, (visita|visiten|revisa|
                revisen|mira|miren|checa|chequen|pasa por|pasen por|pasate por|vean| entra a|entren a|denle like a) mi
                (perfil|pagina|cuenta|canal|bio|biografia|tienda|contenido), link en mi (bio|perfil|biografia), enlace
                en mi (bio|perfil|biografia), (gana|ganar|gane|generar|genera|ganando|gano) (dinero|plata|ingresos|mucho
                dinero|dinero extra| dinero desde casa|desde casa|en linea|online|facil|dolares), dinero facil, dinero
                extra, ingresos extra, ingresos extras, ingresos pasivos, ingreso pasivo, libertad financiera, (trabaja|
                trabajar|trabajo|trabajando) desde (casa|tu casa|el celular|tu celular), (inversion|inversiones|
                invierte|invertir|invirtiendo) (en|con) (cripto|criptomonedas|bitcoin| forex|trading|acciones|nft|
                binance), plataforma de (inversion|trading), (experto|experta|asesor| asesora|gestor|gestora|mentor|
                mentora) (en|de) (inversiones|cripto|criptomonedas|trading|forex| bitcoin), (seguidores|likes|me gusta|
                vistas|suscriptores) (gratis|reales|baratos|rapido|al instante), (compra|comprar|consigue|conseguir|
                obten|gana|ganar) (seguidores|likes|vistas|suscriptores), (promociona|promocionamos|promocionar|impulsa|
                impulsamos|hacemos crecer) (tu|su) (cuenta|pagina| perfil|negocio|marca|canal|contenido), (haz|hagan|da|
                den|de) (clic|click) (aqui|en el enlace|en el link|en mi perfil|en el link de mi perfil), click aqui,
                clic aqui, (has|haz|ha|usted ha|tu has) (ganado|sido seleccionado|sido seleccionada|sido elegido|sido
                elegida), (eres|usted es|fuiste) (el|la|uno de los|una de las) (ganador|ganadora|ganadores|seleccionado|
                seleccionada|afortunado|afortunada), reclama tu (premio|regalo|recompensa|bono), (contactalo|contactala|
                contactalos|escribele|escribeles|contacta a|escribe a) (por|al|en|via| directamente), (recuperar|
                recupere|recupero|recuperamos) (tu|su) (cuenta|dinero|inversion|wallet|billetera), prestamos rapidos,
                prestamo rapido, prestamos sin, contenido exclusivo, contenido para adultos, chicas solteras, solteras
                cerca, casino en linea, apuestas deportivas, te sigo y me sigues, me sigues, (si|que) me
                siguen, me siguen y, seguime,
                seguinos, te invito a (ver|visitar|seguir|conocer) (mi|nuestro|nuestra) (perfil|pagina|canal|cuenta|
                tienda|contenido), mira mi canal, miren mi canal, visita mi canal, ganancias (garantizadas|diarias|
                semanales|seguras), ganancias garantizadas, gana (diario|diariamente|semanal), sin buro, prestamos sin
                buro, contactame, hola (guapo|guapa|hermosa|hermoso|linda|lindo|bonita|preciosa|cariño|carino|amor|bb|
                bebe), escribeme al (privado|whatsapp|dm|md|interno|inbox), sigan (mi|nuestra|nuestro) (cuenta|pagina|
                canal|perfil|tiktok|instagram), promocion de seguidores, para mas contenido, (te|les) interesa ganar,
                quieres ganar (dinero|plata), (con|usando) este metodo, preguntame como, pregúntame cómo, escribeme y te
                (digo|explico|enseno|cuento), te explico como, gane (mucho|dinero|plata|dolares), (siganme|sigueme|
                seguime|siganos) en (instagram|tiktok|ig|youtube|twitter| facebook|twitch|telegram), prestamos al
                instante, prestamo al instante, sin experiencia, regalo iphones, regalo (dinero|plata|celulares|iphone),
                solo (sigueme|sigueme y comenta|sigan|comenta), gana plata, ganá plata, gana dinero, mi ultimo video, mi
                último video, mi nuevo video, vendo seguidores, vendo (likes|vistas|cuentas), escribime,
            """,
            2.0: """
                marketing digital, community manager, mas clientes, mas ventas, vender mas, hackead*,
                difusion, a los primeros, (nuestra| nuestro)
                (marca|agencia|pagina|tienda|cuenta|perfil|equipo), mi portafolio, nuestra pagina, en 24
                horas, este enlace, siguiente enlace, rifa, ozempic, ganaste, de confianza, vendo,
                criptomoneda, criptomonedas, cripto, binance, forex, mi perfil, mi pagina, mi canal, mi biografia,
                sorteo gratis, regalo gratis
            """,
            1.2: """
                inversion, inversiones, invierte, invertir, ganancia, ganancias, rentabilidad, trading, seguidores,
                suscriptores, promociona, colaboracion, colaboraciones, embajador, embajadora, prestamo, prestamos,
                credito rapido, apuestas, casino, solteras, solteros, escribeme, escribanme, mandame mensaje
            """,
            0.6: "premio, premios, ganador, ganadora, patrocinio, patrocinador, sorteo, regalo",
            1.5: """
                (soy|tambien soy) (creadora|creador) de contenido, creadora de contenido, creador de
                contenido, replica, replicas, mi bio, socio serio, eres muy linda, eres muy lindo, para
                negocios, te interesaria, les interesaria, nominado, nominada, marca de joyeria, marca
                de ropa, fotografo, fotografa,
                te sigo, contáctame, canal de youtube, mi canal de, garantizado, garantizadas
            """,
            1.0: """
                gracias a la senora, gracias al senor, gracias al sr, gracias a la sra, los sigo,
                mas contenido, guapo, guapa, cariño
            """,
        },
        "other": {
            2.0: """
                mejor amiga, mejor amigo, mejores amigas, mejores amigos, pero bueno, prefiero, nuestra
                (proxima|siguiente) (cita|salida),
            """,
            3.0: """
                etiqueta a, etiqueten a, etiquetame, etiquetenme, feliz
                (halloween|dia|semana|noche|tarde|mes|verano|invierno|otono| primavera|san
                valentin|pascua|dia de muertos|dia del padre|dia de la madre|dia del nino|ano|inicio de
                semana| comienzo de semana), por aqui, por aca, (algun|alguna|algunos|algunas)
                (otro|otra|otros|otras), (quien|quienes) (esta|estan|anda|andan) (aqui|aca|viendo|por
                aqui), (le|les|te) (puede|podria|va a|van a|gustaria|gustara) (gustar| encantar|), le
                puede gustar, accion de gracias, dia de accion de gracias, que tiempos, se ve el,
                comento para, feliz 4 de julio, feliz cuatro de julio, el verano pasado, el ano pasado,
                la semana pasada, el mes pasado, feliz (ano nuevo|navidad|pascua|halloween) desde, (ano
                nuevo|navidad|pascua|halloween) desde, cuantos recuerdos, recuerdos,
            """,
            1.5: """
                jaja*, jeje*, jiji*, jsjs*, jajs*, xd, xdd, primero, primera, primer comentario, yo tambien, igual,
                igualmente, mira, miren, mira esto, miren esto, vamos, vamo, vamos a ir, tenemos que ir, tenemos que
                probar, hay que ir, te imaginas, cuando vamos, ok, okay, okey, oki, vale, dale, listo, si, claro, no
                gracias, no me interesa, no me interesan, saludos, saludos desde, feliz (lunes|martes|miercoles| jueves|
                viernes|sabado|domingo|fin de semana|finde|navidad|ano nuevo|dia|cumpleanos), tal cual, literal,
                etiqueto, te etiqueto, etiqueta, ya, ah, uy, ups, eh, mmm, amen, yo, ya casi, te acuerdas, se acuerdan,
                quien mas, alguien mas, x2, ja, jaj, somos nosotras, somos nosotros, literal somos, que calor, que frio,
                feliz navidad, aja, yo siempre,
            """,
            2.5: """
                mandando saludos, saludos a todos, me acuerdo (cuando|de cuando|de), (tengo|todavia
                tengo|tenia|tuve) (uno|una| unos|unas) (de estos|de estas|igual|asi), (quien|el que|la
                que) tomo (esta|la|esa) foto, merece un aumento, del fondo, (trabaja|trabajaba|trabajo)
                (ahi|aqui|alli|aca), planes para el finde, grados, (hace|hacia) (calor|frio|muchisimo
                calor|mucho frio), nombre de usuario, que hago aqui, que hago aca, en el feed, en mi
                feed, por los comentarios, muy yo, es muy yo, tan yo, mi novio jamas, mi novia jamas,
                otra vez lunes, lunes otra vez, ya es lunes, que lunes, buen finde, feliz finde, buen fin de semana, te
                acordas, te acuerdas, se acuerdan, cuando vamos, vamos a ir, (es|esta es) tu (favorito|favorita|comida
                favorita|lugar favorito), (alguien|quien) mas (aqui|aca|viendo|por| despues|que vino|vino), (quien|
                quienes) (va|van|viene|vienen|se apunta|se anima|se suma|ira|iran|mas va), suerte a todos, mucha suerte,
                suerte, ay no, no manches, no mames, que risa, me muero, me mori, me meo, posta, ntp,
            """,
        },
    },
    "*": {
        "purchase_intent": {
            2.0: "info, more info, mas info, infos, inbox, dm, md, dm pls, dm plz, dm please, pm, pm me, pm sent",
            1.2: "link, whatsapp number, numero de whatsapp",
        },
        "praise": {
            2.0: "bravo, top, crack, wow, brutal, genial, excelente, perfecto, perfect, delicious, cute, amazing",
        },
        "complaint": {
            2.0: "scam, fraud, fake, horrible, terrible",
            1.0: "error, bug, crash, spam, wtf",
        },
        "spam": {
            2.0: "onlyfans, crypto, bitcoin, btc, usdt, forex, nft, airdrop, f4f, l4l, sub4sub, fxf, sdv, telegram",
        },
        "other": {
            1.5: "ok, okay, lol, xd, jaja*, haha*",
            0.5: """
                hi, hello, hey, hiya, hola, holi, buenas, buenos dias, buenas tardes, buenas noches, buen dia, good
                morning
            """,
        },
    },
}

# Interrogative openers: they count for question only at the start of a clause, also after greetings
# ("hola, a qué hora abren"). "_" joins the words of one opener; "es_weak" ones are ambiguous without a "?".
GREETINGS = (
    "hi hey hello hola holi ola buenas buenos dias buenas tardes buenas noches buen dia good morning good afternoon "
    "good evening excuse me disculpa disculpe disculpen oye oigan porfa please pls guys chicos chicas amigos team "
    "admin friends folks quick question una pregunta pregunta consulta question so and y ok okay"
)
OPENERS: dict[str, tuple[float, str]] = {
    "en": (
        1.0,
        "how what whats when whens where wheres why which who whos whose is_it is_this is_that is_there is_the "
        "do_the does_the do_these do_those does_this does_that do_they does_it did_the is_this are_these "
        "is_he is_she is_they is_your is_my is_anyone is_anybody is_everything are_you are_u are_they are_there "
        "are_these are_those are_the are_your are_we am_i do_you do_u do_they do_i do_we do_yall does did_you "
        "did_u did_anyone did_my did_they did_it can_i can_you can_u can_we can_someone can_anyone can_it "
        "could_i could_you could_u could_we could_someone could_anyone will_you will_it will_there will_they "
        "will_u will_the will_this will_i would_you would_it would_u would_that would_i should_i should_we "
        "should_you have_you have_u have_they has_anyone has_anybody has_it has_this has_the any_idea any_chance "
        "any_plans any_news any_update any_updates any_way any_word any_info any_luck any_discount any_sale "
        "anyone anybody r_u hw",
    ),
    "es": (
        1.0,
        "cual cuales cuando cuanto cuanta cuantos cuantas donde onde adonde en_donde quien quienes por_que xq x_q "
        "pq porq a_que_hora a_q_hora a_k_hora alguien se_puede es_posible me_pueden me_puedes me_podrian "
        "me_podrias me_dicen me_dices me_informan me_ayudan me_ayudas hay_algun hay_alguna hay_forma hay_manera "
        "hay_opcion hay_descuento hay_envio hay_stock hay_servicio",
    ),
    "es_weak": (
        0.5,
        "que q k ke como porque hay tienen tienes tiene tenes puedo puedes pueden hacen abren cierran aceptan "
        "venden saben sabes esta estan sirve funciona incluye llega llegan manejan trabajan atienden",
    ),
}

# Emoji are found in the raw text; each occurrence adds the weight, at most two occurrences per intent.
EMOJI: dict[str, dict[float, str]] = {
    "praise": {
        1.2: "😍🥰😻💕💖💗💓💞💘❤♥🧡💛💚💙💜🤍🤎🖤❣👏🙌💯🔥🤩😋🤤👌⭐🌟✨💪🏆🥇🎉🎊🙏😊☺🤗😃😄😁",
        0.8: "👍",
    },
    "complaint": {
        1.2: "😡🤬😠😤👎💔🤮🤢💩😒🙄😞😔😩😫😖😣🙃",
    },
    "question": {
        1.0: "🤔❓❔",
    },
    "purchase_intent": {
        1.0: "🛒🛍💳",
    },
    "spam": {
        1.0: "💰💸🤑📈💵💲🔞",
        0.6: "🚀",
    },
    "other": {
        1.0: "😂🤣👀😅😆🙈😜😝🤪😉",
    },
}
