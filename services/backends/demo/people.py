"""Who lives in the demo workspace: the support team and a pool of names for customers."""

from __future__ import annotations

import random
import unicodedata

from services.domain import Customer

DEMO_USER = "demo.agent"
# User name -> the name agents sign with.
AGENTS = {DEMO_USER: "Alex Martin", "camille.roux": "Camille Roux", "sam.okafor": "Sam Okafor"}

_FIRST = {
    "en": ("Olivia", "James", "Grace", "Rahul", "Emily", "Daniel", "Chloe", "Tom", "Priya", "Michael",
           "Hannah", "Liam", "Aisha", "Ben", "Sophie", "Kwame", "Laura", "Ryan", "Mei", "Owen", "Zoe",
           "Patrick", "Isabel", "Marcus", "Ella", "Tomasz", "Nadia", "George", "Ruth", "Kenji"),
    "fr": ("Élodie", "François", "Hélène", "Loïc", "Céline", "Jérôme", "Anaïs", "Benoît", "Maëlle",
           "Stéphane", "Clémence", "Raphaël", "Inès", "Gaëtan", "Léa", "Mathieu", "Noémie", "Thierry",
           "Amélie", "Hugo", "Chloé", "Frédéric", "Océane", "Cédric", "Margaux", "Joël", "Aurélie",
           "Yannick", "Sylvie", "Karim"),
}
_LAST = {
    "en": ("Bennett", "Mehta", "O'Neill", "Walker", "Nowak", "Hughes", "Clarke", "Adeyemi", "Foster",
           "Turner", "Murphy", "Patel", "Robertson", "Shaw", "Kowalski", "Davies", "Fletcher", "Nakamura",
           "Greene", "Hart", "Lloyd", "Mensah", "Price", "Sullivan", "Ward", "Young", "Carter", "Ellis"),
    "fr": ("Lefèvre", "Giraud", "Marchand", "Bérubé", "Dubois", "Moreau", "Girard", "Lemaire", "Faure",
           "Rousseau", "Mercier", "Blanchard", "Garnier", "Chevalier", "Perrin", "Morel", "Fontaine",
           "Roussel", "Benali", "Legrand", "Gauthier", "Lacroix", "Barbier", "Renaud", "Carpentier",
           "Bonnet", "Brunet", "Lefebvre"),
}
_ORGS = {
    "en": ("Northwind Dental", "Harbour Lane Bakery", "Bennett & Sons Plumbing", "Greenleaf Lettings",
           "Oakridge Physio", "Brightside Studio", "Kestrel Heating Ltd", "Maple Court Flats",
           "Riverside Vets", "Copperfield Print Co.", "Blue Fern Florists", "Summit Accounting",
           "Tidewater Cafe", "Halcyon Yoga", "Ironbridge Joinery"),
    "fr": ("Boulangerie Lefèvre", "Cabinet Giraud Avocats", "SARL Les Jardins de Provence",
           "Chauffage Moreau & Fils", "Agence Immobilière du Port", "Atelier Céramique Blanchard",
           "Pharmacie de la Gare", "Garage Perrin", "Studio Fontaine Architecture", "Crèche Les Petits Pas",
           "Cave à Vins Lacroix", "Librairie La Plume", "Menuiserie Gauthier", "Hôtel Le Relais",
           "Expertise Comptable Renaud"),
}
_DOMAINS = {"en": ("example.com", "example.com", "example.org"),
            "fr": ("example.fr", "example.fr", "example.fr", "example.com")}


def first_names(lang: str) -> tuple[str, ...]:
    return _FIRST[lang]


def ascii_fold(text: str) -> str:
    """'Hélène O'Neill' -> 'heleneoneill': the form used in e-mail addresses."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return "".join(ch for ch in plain.lower() if ch.isalnum())


def make_customers(rng: random.Random, count: int, french_share: float) -> list[tuple[Customer, str]]:
    """Distinct customers with their language; about a third are individuals with no organisation."""
    people: list[tuple[Customer, str]] = []
    emails: set[str] = set()
    names: set[str] = set()
    while len(people) < count:
        lang = "fr" if rng.random() < french_share else "en"
        first, last = rng.choice(_FIRST[lang]), rng.choice(_LAST[lang])
        name = f"{first} {last}"
        if name in names:
            continue
        names.add(name)
        local = f"{ascii_fold(first)}.{ascii_fold(last)}"
        email = f"{local}@{rng.choice(_DOMAINS[lang])}"
        if email in emails:
            email = f"{local}{len(people)}@{rng.choice(_DOMAINS[lang])}"
        emails.add(email)
        organization = rng.choice(_ORGS[lang]) if rng.random() < 0.65 else ""
        people.append((Customer(email=email, name=name, organization=organization), lang))
    return people
