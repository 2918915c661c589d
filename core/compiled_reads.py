"""Small reads made on most requests, with their statements compiled once per process.

Building and compiling a queryset costs the web worker several times what the database takes to run
a small query by its primary key or a pair of ids (about 0.5 ms CPU each on the module page, against
some 0.1 ms in PostgreSQL). ``read_compiled(name, queryset_for, *values)`` compiles
``queryset_for(*values)`` the first time a process asks for ``name`` and afterwards runs the same
statement with the new values, reading the rows back as the ORM would (its converters, its model
instances and their ``select_related`` relations).
"""

from django.db import connections
from django.db.models.query import get_related_populators


class CompiledRead:
    """A queryset's statement, compiled once, read again with other values as the same model instances.

    ``queryset_for(*values)`` must put each value into the statement as one parameter, and nothing else
    (checked when compiling): a constant written into the queryset would otherwise be taken for a value.
    """

    # Stand-ins no real id takes, so that each value's place among the parameters is known.
    STAND_INS = (-710_001, -710_002, -710_003, -710_004)

    def __init__(self, queryset_for, arity):
        stand_ins = self.STAND_INS[:arity]
        queryset = queryset_for(*stand_ins)
        compiler = queryset.query.get_compiler(queryset.db)
        self.sql, params = compiler.as_sql()
        if sorted(set(params)) != sorted(stand_ins) or len(params) != arity:
            raise ValueError(f"{queryset_for.__name__}: parameters {params!r} are not just its values")
        # Django writes the conditions in its own order, not necessarily the values'.
        self.order = [stand_ins.index(param) for param in params]
        self.db = queryset.db
        self.model = queryset.model
        select = compiler.select
        fields = compiler.klass_info["select_fields"]
        self.start, self.end = fields[0], fields[-1] + 1
        self.init_list = [column[0].target.attname for column in select[self.start : self.end]]
        self.populators = get_related_populators(compiler.klass_info, select, self.db)
        self.converters = compiler.get_converters([column[0] for column in select])
        self.compiler = compiler

    def read(self, values):
        with connections[self.db].cursor() as cursor:
            cursor.execute(self.sql, [values[index] for index in self.order])
            rows = cursor.fetchall()
        if self.converters:
            rows = self.compiler.apply_converters(rows, self.converters)
        found = []
        for row in rows:
            instance = self.model.from_db(self.db, self.init_list, row[self.start : self.end])
            for populator in self.populators:
                populator.populate(row, instance)
            found.append(instance)
        return found


# The compiled reads of this process, by name: neither their statements nor the database the router
# sends them to change while it runs.
_compiled_reads = {}


def read_compiled(name, queryset_for, *values):
    """The instances ``queryset_for(*values)`` reads, from a statement this process compiled once."""
    compiled = _compiled_reads.get(name)
    if compiled is None:
        compiled = _compiled_reads[name] = CompiledRead(queryset_for, len(values))
    return compiled.read(values)
