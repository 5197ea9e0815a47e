"""The local-model sentiment backend, on a tiny BERT built from scratch in the test's own folder.

Nothing is downloaded: the test writes a WordPiece vocabulary, makes a tokenizer from it and a 1-layer BERT with
random (seeded) weights, saves both with save_pretrained and points the backend at that directory. The
backend's probabilities must equal a softmax computed here directly, one text at a time without padding.
"""

import sys

import pytest

torch = pytest.importorskip("torch")
transformers = pytest.importorskip("transformers")

from heraldo.core.settings import Settings  # noqa: E402
from heraldo.inbox.analysis.transformers_backend import (  # noqa: E402
    SentimentModelError,
    TransformersBackend,
    sentiment_labels,
)

WORDS = ["i", "love", "hate", "this", "product", "service", "good", "bad", "terrible", "great", "the", "is", "was"]
WORDS += ["not", "very", "me", "encanta", "el", "es", "malo"]
TEXTS = [
    "i love this product",
    "terrible service",
    "the product is not very good , i hate it , bad bad bad service was terrible",
    "me encanta",
    "",
    "unknown words only",
    "great " * 200,  # longer than the model's 64 positions: truncated, not an error
]


def build_model(directory, *, id2label: dict[int, str], seed: int = 7) -> None:
    vocab = directory / "vocab.txt"
    directory.mkdir(parents=True, exist_ok=True)
    vocab.write_text("\n".join(["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", ",", *WORDS]) + "\n", encoding="utf-8")
    tokenizer = transformers.BertTokenizerFast(vocab_file=str(vocab), do_lower_case=True, model_max_length=64)
    config = transformers.BertConfig(
        vocab_size=tokenizer.vocab_size,
        hidden_size=16,
        num_hidden_layers=1,
        num_attention_heads=2,
        intermediate_size=32,
        max_position_embeddings=64,
        num_labels=len(id2label),
        id2label=id2label,
        label2id={name: index for index, name in id2label.items()},
    )
    torch.manual_seed(seed)
    model = transformers.BertForSequenceClassification(config)
    tokenizer.save_pretrained(directory)
    model.save_pretrained(directory)


def direct_probabilities(directory, text: str) -> list[float]:
    tokenizer = transformers.AutoTokenizer.from_pretrained(directory, local_files_only=True)
    model = transformers.AutoModelForSequenceClassification.from_pretrained(directory, local_files_only=True).eval()
    with torch.no_grad():
        encoded = tokenizer([text or " "], truncation=True, max_length=64, return_tensors="pt")
        return torch.softmax(model(**encoded).logits, dim=-1)[0].tolist()


@pytest.fixture(scope="module")
def model_dir(tmp_path_factory):
    directory = tmp_path_factory.mktemp("tiny-sentiment")
    build_model(directory, id2label={0: "negative", 1: "neutral", 2: "positive"})
    return directory


def test_outputs_equal_a_direct_softmax(model_dir):
    backend = TransformersBackend(model_dir, ["en"], batch_size=3)
    sentiments = backend.score_batch(TEXTS, "en")
    assert len(sentiments) == len(TEXTS)
    for text, sentiment in zip(TEXTS, sentiments, strict=True):
        negative, neutral, positive = direct_probabilities(model_dir, text)
        assert sentiment.score == pytest.approx(positive - negative, abs=1e-5)
        assert sentiment.confidence == pytest.approx(max(negative, neutral, positive), abs=1e-5)
        best = max(range(3), key=[negative, neutral, positive].__getitem__)
        assert sentiment.label == ("negative", "neutral", "positive")[best]
        assert -1 <= sentiment.score <= 1 and 0 <= sentiment.confidence <= 1


def test_batch_size_and_order_do_not_change_results(model_dir):
    one_by_one = [TransformersBackend(model_dir, ["en"], batch_size=1).score_batch([t], "en")[0] for t in TEXTS]
    batched = TransformersBackend(model_dir, ["en"], batch_size=32).score_batch(TEXTS, "en")
    for single, together in zip(one_by_one, batched, strict=True):
        assert together.label == single.label
        assert together.score == pytest.approx(single.score, abs=1e-5)
        assert together.confidence == pytest.approx(single.confidence, abs=1e-5)
    reversed_results = TransformersBackend(model_dir, ["en"]).score_batch(TEXTS[::-1], "en")[::-1]
    assert [s.score for s in reversed_results] == pytest.approx([s.score for s in batched], abs=1e-5)
    assert TransformersBackend(model_dir, ["en"]).score_batch([], "en") == []


def test_two_class_models_have_no_neutral(tmp_path):
    build_model(tmp_path / "binary", id2label={0: "LABEL_0", 1: "LABEL_1"})
    backend = TransformersBackend(tmp_path / "binary", ["en"])
    assert backend.labels == {0: "negative", 1: "positive"}
    for text, sentiment in zip(TEXTS, backend.score_batch(TEXTS, "en"), strict=True):
        negative, positive = direct_probabilities(tmp_path / "binary", text)
        assert sentiment.label in {"negative", "positive"}
        assert sentiment.score == pytest.approx(positive - negative, abs=1e-5)


def test_label_names_in_any_order_and_case(tmp_path):
    build_model(tmp_path / "named", id2label={0: "POS", 1: "Negative", 2: "NEU"})
    backend = TransformersBackend(tmp_path / "named", ["es"])
    assert backend.labels == {0: "positive", 1: "negative", 2: "neutral"}
    for text, sentiment in zip(TEXTS, backend.score_batch(TEXTS, "es"), strict=True):
        positive, negative, _ = direct_probabilities(tmp_path / "named", text)
        assert sentiment.score == pytest.approx(positive - negative, abs=1e-5)


@pytest.mark.parametrize(
    ("id2label", "expected"),
    [
        ({0: "negative", 1: "neutral", 2: "positive"}, {0: "negative", 1: "neutral", 2: "positive"}),
        ({"0": "NEG", "1": "NEU", "2": "POS"}, {0: "negative", 1: "neutral", 2: "positive"}),
        ({0: "LABEL_0", 1: "LABEL_1", 2: "LABEL_2"}, {0: "negative", 1: "neutral", 2: "positive"}),
        ({0: "LABEL_0", 1: "LABEL_1"}, {0: "negative", 1: "positive"}),
        ({0: "very negative sentiment", 1: "positive sentiment"}, {0: "negative", 1: "positive"}),
    ],
)
def test_sentiment_labels(id2label, expected):
    assert sentiment_labels(id2label) == expected


@pytest.mark.parametrize(
    "id2label",
    [
        {0: "joy", 1: "anger", 2: "fear"},
        {0: "LABEL_0", 1: "LABEL_1", 2: "LABEL_2", 3: "LABEL_3"},
        {0: "positive", 1: "positive"},
        {0: "LABEL_0"},
    ],
)
def test_unusable_label_sets_are_refused(id2label):
    with pytest.raises(SentimentModelError, match="id2label"):
        sentiment_labels(id2label)


def test_missing_directory_is_a_clear_error(tmp_path):
    with pytest.raises(SentimentModelError, match="does not exist"):
        TransformersBackend(tmp_path / "nowhere", ["en"])


def test_a_directory_without_a_model_is_a_clear_error(tmp_path):
    with pytest.raises(SentimentModelError, match="cannot load"):
        TransformersBackend(tmp_path, ["en"])


def test_missing_transformers_is_a_clear_error(model_dir, monkeypatch):
    monkeypatch.setitem(sys.modules, "transformers", None)  # import transformers now raises ImportError
    with pytest.raises(SentimentModelError, match=r"heraldo\[transformers\]"):
        TransformersBackend(model_dir, ["en"])


def test_the_analyzer_routes_configured_languages_to_the_model(model_dir):
    from heraldo.inbox.analysis.pipeline import Analyzer, get_analyzer

    settings = Settings(sentiment_model_dir=model_dir, sentiment_model_languages="en")
    analyzer = Analyzer(settings)
    english = analyzer.analyze("i love this product", language="en")
    spanish = analyzer.analyze("me encanta", language="es")
    assert english.backend == "transformers"
    assert spanish.backend == "vader-es"
    expected = TransformersBackend(model_dir, ["en"]).score_batch(["i love this product"], "en")[0]
    assert english.sentiment.score == pytest.approx(expected.score, abs=1e-6)
    batch = analyzer.analyze_batch(["i love this product", "me encanta el producto", "the service was terrible"])
    assert [analysis.backend for analysis in batch] == ["transformers", "vader-es", "transformers"]
    health = analyzer.health()
    assert health["model_state"] == "loaded"
    assert health["model"]["labels"] == ["negative", "neutral", "positive"]
    assert health["sentiment"]["languages"]["en"] == "transformers"
    assert get_analyzer(settings) is get_analyzer(settings)


def test_the_analyzer_refuses_a_missing_model_at_start(tmp_path):
    from heraldo.inbox.analysis.pipeline import Analyzer

    with pytest.raises(SentimentModelError, match="does not exist"):
        Analyzer(Settings(sentiment_model_dir=tmp_path / "missing"))
