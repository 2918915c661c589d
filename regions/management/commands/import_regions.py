from django.core.management.base import BaseCommand, CommandError
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from regions.services import RegionFileError, regions_import


class Command(BaseCommand):
    help = gettext_lazy(
        "Import Indonesia's regions (BPS codes) from provinces.csv, regencies.csv, districts.csv and "
        "villages.csv in DIR. Existing regions are updated; a file with a problem changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("directory", metavar="DIR", help=gettext_lazy("the folder holding the four CSV files"))
        parser.add_argument(
            "--within",
            metavar="CODE",
            help=gettext_lazy("import only this region, its ancestors and its descendants (e.g. 6471)"),
        )

    def handle(self, *, directory, within, **options):
        try:
            result = regions_import(directory=directory, within=within)
        except RegionFileError as error:
            raise CommandError(str(error)) from error

        def number(value):
            return number_format(value, force_grouping=True)

        self.stdout.write(
            "\n".join(
                [
                    _("Provinces: %(count)s") % {"count": number(result.provinces)},
                    _("Regencies/cities: %(count)s") % {"count": number(result.regencies)},
                    _("Kecamatan: %(count)s") % {"count": number(result.districts)},
                    _("Kelurahan/desa: %(count)s") % {"count": number(result.villages)},
                ]
            )
        )
        self.stdout.write(
            self.style.SUCCESS(
                _("%(total)s regions imported: %(created)s new, %(updated)s updated, %(unchanged)s unchanged.")
                % {
                    "total": number(result.total),
                    "created": number(result.created),
                    "updated": number(result.updated),
                    "unchanged": number(result.unchanged),
                }
            )
        )
