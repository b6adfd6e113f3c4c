"""Where the person of a warning lives, for the worker who goes there: the household the warning was
routed by, else the key person's address in the ledger (by ID number, then phone, in the order's
unit), else nothing (the page then names the unit)."""

from fanzha.keypersons.models import KeyPerson
from fanzha.warnings.models import RoutedBy, VerificationOrder


def addresses(orders: list[VerificationOrder]) -> dict[int, str]:
    """order id → the person's address, for a page of orders (households must be select_related);
    one query for all the key persons among them."""
    found = {o.pk: o.household.address for o in orders if o.household_id}
    wanted = [o for o in orders if o.pk not in found and o.routed_by == RoutedBy.KEY_PERSON]
    if wanted:
        ids = {o.warning.id_number for o in wanted if o.warning.id_number}
        phones = {o.warning.phone for o in wanted if o.warning.phone}
        people = KeyPerson.objects.filter(
            village_id__in={o.assigned_to_id for o in wanted}, address__gt=""
        ).filter(id_number__in=ids) | KeyPerson.objects.filter(
            village_id__in={o.assigned_to_id for o in wanted}, address__gt="", phone__in=phones
        )
        by_id, by_phone = {}, {}
        for person in people.only("village_id", "id_number", "phone", "address"):
            by_id.setdefault((person.village_id, person.id_number), person.address)
            by_phone.setdefault((person.village_id, person.phone), person.address)
        for o in wanted:
            address = (o.warning.id_number and by_id.get((o.assigned_to_id, o.warning.id_number))) or (
                o.warning.phone and by_phone.get((o.assigned_to_id, o.warning.phone))
            )
            if address:
                found[o.pk] = address
    return found


def address_of(order: VerificationOrder) -> str:
    return addresses([order]).get(order.pk, "")
