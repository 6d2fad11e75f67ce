"""Language identification without network or model downloads."""

import pytest

from marsad.language import identify


@pytest.mark.parametrize("text, expected", [
    ("أعلنت وزارة الخارجية العراقية في بيان أن بغداد وواشنطن اتفقتا على تشكيل لجنة.", "ar"),
    ("The Iraqi foreign ministry said on Thursday that Baghdad and Washington agreed to form a committee.", "en"),
    ("Le ministère irakien a déclaré jeudi que Bagdad et Washington avaient convenu de former un comité.", "other"),
    ("رئیس جمهور گفت که مذاکرات به پایان رسیده است و این یک گام مهم بود", "other"),  # Persian
    ("پاکستان کے وزیر اعظم نے کہا کہ مذاکرات جاری رہیں گے", "other"),                # Urdu
    ("2024 - 100 - 3.5", "other"),
    ("", "other"),
])
def test_identify(text, expected):
    assert identify(text) == expected


def test_seed_is_arabic(seed_text):
    assert identify(seed_text) == "ar"
