"""Bilingual (Indonesian, English) message templates, keyed by machine code.

Problems are shown to planners in the web form and to analysts in reports; the code is stable,
the wording may change.
"""

from __future__ import annotations

from typing import Final, NamedTuple


class Bi(NamedTuple):
    """A message parameter that differs by language (e.g. a type name)."""

    id: str
    en: str

    def __str__(self) -> str:
        return self.en


TYPE_NAMES: Final = {
    "number": Bi("angka", "number"),
    "boolean": Bi("benar/salah", "boolean"),
    "text": Bi("teks", "text"),
    "choice": Bi("pilihan", "choice"),
    "table": Bi("tabel", "table"),
    "unknown": Bi("tidak diketahui", "unknown"),
    "function": Bi("fungsi", "function"),
    "value": Bi("nilai", "value"),
}


def type_name(kind: str) -> Bi:
    return TYPE_NAMES.get(kind, Bi(kind, kind))


MESSAGES: Final[dict[str, tuple[str, str]]] = {
    # --- syntax -------------------------------------------------------------------------------
    "formula_too_long": (
        "Rumus terlalu panjang ({length} karakter; maksimum {limit}).",
        "Formula too long ({length} characters; at most {limit}).",
    ),
    "formula_empty": ("Rumus kosong.", "The formula is empty."),
    "bad_character": ("Karakter tidak dikenal {char!s}.", "Unexpected character {char!s}."),
    "bad_number": ("Angka tidak sah: {text}.", "Invalid number: {text}."),
    "number_too_large": (
        "Angka terlalu besar (|x| harus < 10^{limit}).",
        "Number too large (|x| must be < 10^{limit}).",
    ),
    "too_many_digits": (
        "Angka memiliki terlalu banyak digit bermakna (maksimum {limit}).",
        "Number has too many significant digits (at most {limit}).",
    ),
    "unterminated_string": (
        "Teks (string) tidak ditutup dengan tanda kutip.",
        "Unterminated string literal.",
    ),
    "string_too_long": (
        "Teks (string) terlalu panjang (maksimum {limit} karakter).",
        "String literal too long (at most {limit} characters).",
    ),
    "name_too_long": (
        "Nama terlalu panjang (maksimum {limit} karakter).",
        "Name too long (at most {limit} characters).",
    ),
    "unexpected_token": (
        "Tidak terduga: {found}; yang diharapkan: {expected}.",
        "Unexpected {found}; expected {expected}.",
    ),
    "unclosed_paren": (
        "Kurung buka tidak ditutup.",
        "Unclosed parenthesis.",
    ),
    "comparison_chain": (
        "Perbandingan tidak boleh dirangkai (gunakan 'and').",
        "Comparisons cannot be chained (use 'and').",
    ),
    "too_deep": (
        "Ekspresi terlalu dalam bersarang (maksimum {limit} tingkat); pecah dengan nama antara.",
        "Expression nested too deeply (at most {limit} levels); split it with bindings.",
    ),
    "too_many_nodes": (
        "Rumus terlalu besar (maksimum {limit} simpul).",
        "Formula too large (at most {limit} nodes).",
    ),
    "missing_value": (
        "Rumus harus diakhiri ekspresi hasil atau baris 'value = ...'.",
        "The formula must end with a result expression or a 'value = ...' line.",
    ),
    "expression_not_last": (
        "Ekspresi tanpa nama hanya boleh di baris terakhir.",
        "An expression without a name may only be the last line.",
    ),
    "value_twice": (
        "Hasil ditentukan dua kali (baris 'value' dan ekspresi akhir).",
        "The result is given twice (a 'value' line and a final expression).",
    ),
    "too_many_problems": (
        "Terlalu banyak masalah; {count} lainnya tidak ditampilkan.",
        "Too many problems; {count} more not shown.",
    ),
    # --- names and types ----------------------------------------------------------------------
    "unknown_name": ("Nama tidak dikenal: {name}.", "Unknown name: {name}."),
    "unknown_function": ("Fungsi tidak dikenal: {name}.", "Unknown function: {name}."),
    "not_a_function": (
        "{name} bukan fungsi; tidak dapat dipanggil.",
        "{name} is not a function and cannot be called.",
    ),
    "wrong_arg_count": (
        "Fungsi {name} menerima {expected} argumen, diberikan {given}.",
        "Function {name} takes {expected} arguments, {given} given.",
    ),
    "type_mismatch": (
        "Jenis tidak sesuai untuk {what}: diharapkan {expected}, ditemukan {found}.",
        "Wrong type for {what}: expected {expected}, found {found}.",
    ),
    "condition_not_boolean": (
        "Kondisi harus bernilai benar/salah (boolean), bukan {found}.",
        "A condition must be a boolean (true/false), not {found}.",
    ),
    "score_needs_choice": (
        "score() hanya untuk isian pilihan yang memiliki skor; {name} bukan.",
        "score() needs a choice input with scores; {name} is not one.",
    ),
    "choice_without_score": (
        "Pilihan {value} dari {name} tidak memiliki skor.",
        "Option {value} of {name} has no score.",
    ),
    "unknown_choice_value": (
        "{value} bukan pilihan yang sah untuk {name} (pilihan: {options}).",
        "{value} is not a valid option of {name} (options: {options}).",
    ),
    "weights_sum": (
        "Jumlah bobot weighted() harus 1, ditemukan {total}.",
        "The weights of weighted() must add up to 1; they add up to {total}.",
    ),
    "weight_not_literal": (
        "Bobot weighted() harus berupa angka tetap (misalnya 0.40).",
        "A weighted() weight must be a literal number (e.g. 0.40).",
    ),
    "literal_required": (
        "Argumen {position} dari {name} harus berupa {what} tetap.",
        "Argument {position} of {name} must be a literal {what}.",
    ),
    "unknown_band_table": (
        "Tabel rentang tidak dikenal: {name}.",
        "Unknown band table: {name}.",
    ),
    "band_without_score": (
        "Tabel rentang {name} memiliki rentang tanpa skor; band() tidak dapat dipakai.",
        "Band table {name} has a band without a score; band() cannot use it.",
    ),
    "band_without_label": (
        "Tabel rentang {name} memiliki rentang tanpa label; label() tidak dapat dipakai.",
        "Band table {name} has a band without a label; label() cannot use it.",
    ),
    "unknown_table": ("{name} bukan isian tabel.", "{name} is not a table input."),
    "unknown_column": (
        "Tabel {table} tidak memiliki kolom {name}.",
        "Table {table} has no column {name}.",
    ),
    "table_as_value": (
        "Tabel {name} hanya dapat dipakai di dalam agregat (sum, mean, count, ...).",
        "Table {name} can only be used inside an aggregate (sum, mean, count, ...).",
    ),
    "column_outside_aggregate": (
        "Kolom {table}.{name} hanya dapat dipakai di dalam agregat atau rumus baris {table}.",
        "Column {table}.{name} can only be used inside an aggregate or a row formula of {table}.",
    ),
    "aggregate_needs_column": (
        "{name}() memerlukan kolom atau ekspresi baris, misalnya {name}(tabel.kolom).",
        "{name}() needs a column or a row expression, e.g. {name}(table.column).",
    ),
    "aggregate_form": (
        "Bentuk agregat hanya untuk sum, mean, count, min, max, all, any.",
        "The aggregate form is only for sum, mean, count, min, max, all, any.",
    ),
    "used_before_definition": (
        "Nama {name} dipakai sebelum didefinisikan.",
        "Name {name} is used before it is defined.",
    ),
    "count_form": (
        "count() menghitung baris: gunakan count(tabel) atau count(tabel where kondisi).",
        "count() counts rows: use count(table) or count(table where condition).",
    ),
    "duplicate_binding": (
        "Nama {name} sudah didefinisikan (baris {line}).",
        "Name {name} is already defined (line {line}).",
    ),
    "binding_shadows_input": (
        "Nama {name} sudah dipakai oleh isian; pilih nama lain.",
        "Name {name} is already an input; choose another name.",
    ),
    "reserved_name": (
        "{name} adalah nama khusus dan tidak dapat didefinisikan ulang.",
        "{name} is a reserved name and cannot be redefined.",
    ),
    "column_shadows_name": (
        "Kolom {table}.{name} menutupi nama {name} di luar tabel.",
        "Column {table}.{name} hides the name {name} outside the table.",
    ),
    "exponent_too_large": (
        "Pangkat harus bilangan bulat dengan |n| <= {limit}.",
        "The exponent must be an integer with |n| <= {limit}.",
    ),
    "round_digits": (
        "Jumlah desimal round() harus bilangan bulat 0..{limit}.",
        "The number of decimals of round() must be an integer 0..{limit}.",
    ),
    "constant_error": (
        "Ekspresi tetap ini tidak dapat dihitung: {detail}",
        "This constant expression cannot be computed: {detail}",
    ),
    "unused_input": (
        "Isian {name} tidak dipakai oleh rumus.",
        "Input {name} is not used by the formula.",
    ),
    "unused_binding": (
        "Nama {name} didefinisikan tetapi tidak dipakai.",
        "Name {name} is defined but not used.",
    ),
    "result_type": (
        "Hasil {name} harus berjenis {expected}, ditemukan {found}.",
        "Result {name} must be of type {expected}, found {found}.",
    ),
    "ratio_situational": (
        "Target {name} bersifat situasional; gunakan ratio_s().",
        "Target {name} is situational; use ratio_s().",
    ),
    "ratio_not_situational": (
        "Target {name} tidak situasional; ratio_s() menganggap target 0 tercapai.",
        "Target {name} is not situational; ratio_s() treats a target of 0 as achieved.",
    ),
    # --- band tables --------------------------------------------------------------------------
    "band_empty": ("Tabel rentang {name} kosong.", "Band table {name} is empty."),
    "band_bad_edge": (
        "Rentang ke-{index} tabel {name} tidak sah: {detail}",
        "Band {index} of table {name} is invalid: {detail}",
    ),
    "band_unordered": (
        "Rentang ke-{index} tabel {name} tidak berurutan naik.",
        "Band {index} of table {name} is not in ascending order.",
    ),
    "band_overlap": (
        "Rentang ke-{index} tabel {name} tumpang tindih dengan rentang sebelumnya.",
        "Band {index} of table {name} overlaps the previous band.",
    ),
    "band_gap": (
        "Ada celah sebelum rentang ke-{index} tabel {name}; nilai di celah menjadi galat.",
        "There is a gap before band {index} of table {name}; a value in it is an error.",
    ),
    "band_gap_end": (
        "Tabel rentang {name} tidak mencakup {side}; nilai di sana menjadi galat.",
        "Band table {name} does not cover {side}; a value there is an error.",
    ),
    # --- evaluation ---------------------------------------------------------------------------
    "division_by_zero": ("Pembagian dengan nol.", "Division by zero."),
    "ratio_zero_target": (
        "Target rasio bernilai 0 (hanya butir situasional yang boleh bertarget 0).",
        "The target of a ratio is 0 (only a situational item may have a target of 0).",
    ),
    "invalid_operation": ("Operasi aritmetika tidak sah.", "Invalid arithmetic operation."),
    "overflow": (
        "Hasil terlalu besar (|x| harus < 10^{limit}).",
        "Result too large (|x| must be < 10^{limit}).",
    ),
    "missing_input": ("Isian {name} tidak diisi.", "Input {name} has no value."),
    "missing_column": (
        "Kolom {name} baris {row} tidak diisi.",
        "Column {name} of row {row} has no value.",
    ),
    "target_missing": (
        "Rumus memakai target, tetapi target periode ini belum ditetapkan.",
        "The formula uses the target, but no target is set for this period.",
    ),
    "target_is_range": (
        "Rumus memakai target, tetapi target periode ini berupa rentang.",
        "The formula uses the target, but this period's target is a range.",
    ),
    "target_not_positive": (
        "Target harus lebih besar dari 0.",
        "The target must be greater than 0.",
    ),
    "ref_unavailable": (
        "Nilai indikator {code} tidak tersedia untuk periode ini.",
        "The value of indicator {code} is not available for this period.",
    ),
    "ref_failed": (
        "Nilai indikator {code} tidak dapat diambil: {detail}",
        "The value of indicator {code} could not be obtained: {detail}",
    ),
    "step_limit": (
        "Perhitungan terlalu panjang (lebih dari {limit} langkah).",
        "Evaluation too long (more than {limit} steps).",
    ),
    "no_band": (
        "Nilai {value} tidak masuk rentang mana pun di tabel {name}.",
        "Value {value} falls in no band of table {name}.",
    ),
    "clamp_bounds": (
        "clamp(): batas bawah lebih besar dari batas atas.",
        "clamp(): the lower bound is greater than the upper bound.",
    ),
    "bad_value": (
        "Nilai isian tidak sesuai jenisnya: {detail}",
        "An input value does not match its type: {detail}",
    ),
    "internal_error": (
        "Galat internal mesin rumus ({detail}); mohon laporkan.",
        "Internal error of the formula engine ({detail}); please report it.",
    ),
    "internal_limit": (
        "Rumus melampaui batas mesin: {detail}",
        "The formula exceeds an engine limit: {detail}",
    ),
    "prior_period_error": (
        "Nilai dilaporkan tidak dihitung karena periode {period} bergalat.",
        "The reported value is not computed because period {period} has an error.",
    ),
    # --- definitions and inputs ---------------------------------------------------------------
    "spec_invalid": (
        "Definisi tidak sah di {where}: {detail}",
        "Invalid definition at {where}: {detail}",
    ),
    "constraint_invalid": (
        "Aturan isian {index} tidak sah: {detail}",
        "Input rule {index} is invalid: {detail}",
    ),
    "definition_invalid": (
        "Definisi indikator {code} bermasalah; perhitungan tidak dijalankan.",
        "Indicator {code} has definition problems; nothing is computed.",
    ),
    "ref_cycle": (
        "Rujukan indikator membentuk siklus: {cycle}.",
        "Indicator references form a cycle: {cycle}.",
    ),
    "ref_unknown": (
        "{code} merujuk indikator yang tidak ada: {ref}.",
        "{code} refers to an unknown indicator: {ref}.",
    ),
    "duplicate_code": ("Kode indikator ganda: {code}.", "Duplicate indicator code: {code}."),
    "input_missing": ("{loc}: wajib diisi.", "{loc}: is required."),
    "input_unknown_field": (
        "{loc}: isian tidak dikenal untuk indikator ini.",
        "{loc}: unknown field for this indicator.",
    ),
    "input_not_number": (
        "{loc}: harus berupa angka, bukan {got}.",
        "{loc}: must be a number, not {got}.",
    ),
    "input_not_integer": (
        "{loc}: harus berupa bilangan bulat, bukan {got}.",
        "{loc}: must be a whole number, not {got}.",
    ),
    "input_not_boolean": (
        "{loc}: harus true atau false, bukan {got}.",
        "{loc}: must be true or false, not {got}.",
    ),
    "input_bad_choice": (
        "{loc}: {got} bukan pilihan yang sah (pilihan: {options}).",
        "{loc}: {got} is not a valid option (options: {options}).",
    ),
    "input_not_text": ("{loc}: harus berupa teks, bukan {got}.", "{loc}: must be text, not {got}."),
    "input_text_too_long": (
        "{loc}: teks terlalu panjang (maksimum {limit} karakter).",
        "{loc}: text too long (at most {limit} characters).",
    ),
    "input_below_min": (
        "{loc}: {got} kurang dari batas bawah {min}.",
        "{loc}: {got} is below the minimum {min}.",
    ),
    "input_not_above_min": (
        "{loc}: {got} harus lebih besar dari {min}.",
        "{loc}: {got} must be greater than {min}.",
    ),
    "input_above_max": (
        "{loc}: {got} melebihi batas atas {max}.",
        "{loc}: {got} is above the maximum {max}.",
    ),
    "input_not_table": (
        "{loc}: harus berupa daftar baris, bukan {got}.",
        "{loc}: must be a list of rows, not {got}.",
    ),
    "input_not_row": (
        "{loc}: setiap baris harus berupa objek {{kolom: nilai}}.",
        "{loc}: each row must be an object {{column: value}}.",
    ),
    "input_row_count": (
        "{loc}: jumlah baris {got} di luar batas {min}..{max}.",
        "{loc}: {got} rows, outside the allowed {min}..{max}.",
    ),
    "input_unknown_period": (
        "{indicator}: periode {period} tidak berlaku untuk indikator ini (periode sah: {periods}).",
        "{indicator}: period {period} does not apply to this indicator (valid: {periods}).",
    ),
    "input_not_assessed": (
        "{indicator} {period}: indikator ini dinilai pada {assessed}; {period} mengambil nilai "
        "{assessed} dan tidak menerima isian.",
        "{indicator} {period}: this indicator is assessed at {assessed}; {period} takes the "
        "{assessed} value and accepts no inputs.",
    ),
    "input_assessed_twice": (
        "{indicator}: isian penilaian diberikan di {first} dan {second}; cukup satu.",
        "{indicator}: assessment inputs given at both {first} and {second}; give one.",
    ),
    "input_bad_payload": (
        "{indicator}: masukan tidak sah di {loc}: {detail_id}.",
        "{indicator}: invalid input at {loc}: {detail_en}.",
    ),
    "input_bad_target": (
        "{indicator} {period}: target tidak sah: {detail_id}.",
        "{indicator} {period}: invalid target: {detail_en}.",
    ),
    "constraint_failed": (
        "{loc}: {rule_id}",
        "{loc}: {rule_en}",
    ),
}


def render(code: str, params: dict[str, object]) -> tuple[str, str]:
    """Fill both templates; a template that cannot be filled falls back to the code itself."""
    pair = MESSAGES.get(code)
    if pair is None:
        return code, code
    ids = _Params({k: (v.id if isinstance(v, Bi) else v) for k, v in params.items()})
    ens = _Params({k: (v.en if isinstance(v, Bi) else v) for k, v in params.items()})
    try:
        return pair[0].format_map(ids), pair[1].format_map(ens)
    except (ValueError, IndexError, AttributeError):  # pragma: no cover - templates are ours
        return code, code


class _Params(dict[str, object]):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"
