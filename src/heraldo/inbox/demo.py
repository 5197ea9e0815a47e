"""Demo inbox: comments on the demo bakery's published posts, in English and Spanish.

The texts are written for the demo; everything about them that Heraldo works out (language, sentiment,
intent, keywords, priority) is computed by the real analyser as for any fetched comment, through the same
`ingest.store` the fetch job uses. Demo accounts are never fetched, so these are all their inbox ever shows.
"""

import random
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from heraldo.core.settings import get_settings
from heraldo.inbox import ingest
from heraldo.inbox.analysis.pipeline import get_analyzer
from heraldo.posts.models import PostTarget, SocialAccount, TargetStatus
from heraldo.publishing.connectors.base import InteractionSample

# (author handle, display name, text)
COMMENTS = [
    ("maria_g", "María G.", "¿A qué hora abrís los domingos?"),
    ("tom.eats", "Tom", "What time do you open on Saturdays?"),
    ("lu_bakes", "Lucía", "¡Qué pinta tiene ese pan! Me encanta vuestra masa madre 😍"),
    ("jkrueger", "Jens", "Best almond croissant in town, hands down 🥐🔥"),
    ("pablo_m", "Pablo", "Pedí una tarta para el sábado y llegó aplastada. Nadie contesta al teléfono."),
    ("sarah_k", "Sarah K.", "I ordered a birthday cake and it was delivered 2 hours late. Really disappointed."),
    ("anna.rossi", "Anna", "Do you have gluten-free options?"),
    ("carlosbcn", "Carlos", "¿Cuánto cuesta la hogaza de centeno? Quiero encargar dos para el viernes"),
    ("dave_h", "Dave", "How much for a dozen cinnamon knots? I'd like to order for an office party"),
    ("promo.boost.24", "Growth Boost", "Want 10k followers? DM us now for a special promo!! 💯"),
    ("crypto_mentor_fx", "FX Mentor", "I made $5,000 in a week trading crypto, check my profile to learn how"),
    ("elena.v", "Elena", "@marta_v tenemos que ir este finde"),
    ("mike_r", "Mike", "@sam_r look at this"),
    ("nuria", "Núria", "Gracias por el trato tan amable de ayer, volveremos seguro"),
    ("olivia", "Olivia", "Thank you for the lovely service this morning!"),
    ("rob_t", "Rob", "The focaccia was stale today and the staff didn't care. Not coming back."),
    ("isa_moreno", "Isabel", "El pan de ayer estaba duro, una pena porque siempre estaba buenísimo"),
    ("kate.l", "Kate", "Is the pain au chocolat available every day or only on weekends?"),
    ("javi", "Javi", "¿Hacéis envíos a Valencia?"),
    ("ben_w", "Ben", "Can I book a table for 6 on Sunday morning?"),
    ("laura_p", "Laura", "Quiero reservar una tarta de limón para el cumpleaños de mi hija, ¿cómo lo hago?"),
    ("giveaway.official", "Giveaway", "Congrats! You won our iPhone giveaway, claim here bit.ly/claim-now"),
    ("amy", "Amy", "Nice photo"),
    ("pepe", "Pepe", "Buenos días desde Sevilla ☀️"),
    ("chris.d", "Chris", "Charged twice for my order last week, still waiting for the refund. Please fix this."),
    ("marta", "Marta", "Me cobraron dos veces el pedido y todavía no me han devuelto el dinero"),
    ("noah", "Noah", "Love love love your sourdough ❤️"),
    ("ines", "Inés", "Las mejores napolitanas de Madrid, sin duda"),
    ("greg", "Greg", "Where are you located exactly?"),
    ("alba", "Alba", "¿Tenéis opciones veganas?"),
]


def seed_demo_inbox(*, db: Session, rng: random.Random, accounts: list[SocialAccount], now: datetime) -> int:
    """Comments on recent demo posts, received over the last 30 days and analysed; returns how many."""
    analyzer = get_analyzer(get_settings())
    # Each comment once across the accounts: the same customer saying the same thing twice looks fake.
    comments = rng.sample(COMMENTS, k=len(COMMENTS))
    share = len(comments) // max(1, len(accounts))
    stored = 0
    for number, account in enumerate(accounts):
        published = db.execute(
            select(PostTarget.platform_post_id, PostTarget.published_at)
            .where(
                PostTarget.account_id == account.id,
                PostTarget.status == TargetStatus.PUBLISHED.value,
                PostTarget.published_at >= now - timedelta(days=30),
            )
            .order_by(PostTarget.published_at)
        ).all()
        if not published:
            continue
        samples = []
        for index, (handle, name, text) in enumerate(comments[number * share : (number + 1) * share]):
            post_id, published_at = rng.choice(published)
            received = min(now - timedelta(minutes=5), published_at + timedelta(minutes=rng.randint(5, 36 * 60)))
            samples.append(
                InteractionSample(
                    platform_id=f"demo-{account.id}-{index}",
                    kind="comment",
                    author_handle=handle,
                    author_name=name,
                    text=text,
                    received_at=received,
                    in_reply_to_platform_post_id=post_id,
                )
            )
        stored += len(ingest.store(db=db, account=account, samples=samples, analyzer=analyzer))
    return stored
