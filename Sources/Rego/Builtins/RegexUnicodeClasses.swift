/// The names Go's regexp accepts in `\p{…}`: Unicode general categories (with their aliases),
/// scripts, and Any/Assigned/ASCII.
///
/// Go looks names up in its Unicode category and script tables; recent Go versions also accept
/// category aliases (`Letter`) and ignore case, `_`, `-` and spaces. Being permissive here only
/// accepts patterns older Go rejected, never the reverse.
enum UnicodeClassNames {
    enum Kind {
        case categories(Set<Unicode.GeneralCategory>)
        case ascii
        case script(String)
    }

    static func lookup(_ goName: String) -> Kind? {
        guard let name = table[canonical(goName)] else { return nil }
        switch name {
        case "ASCII": return .ascii
        case "Any": return .categories(Set(allCategories.values.flatMap { $0 }))
        case "Assigned": return .categories(Set(allCategories.values.flatMap { $0 }).subtracting([.unassigned]))
        default:
            if let set = allCategories[name] { return .categories(set) }
            return .script(name)
        }
    }

    private static let letters: Set<Unicode.GeneralCategory> = [
        .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
    ]

    /// Go's category tables; note Go's `C` has no unassigned code points.
    private static let allCategories: [String: Set<Unicode.GeneralCategory>] = [
        "C": [.control, .format, .privateUse, .surrogate], "Cc": [.control], "Cf": [.format],
        "Cn": [.unassigned], "Co": [.privateUse], "Cs": [.surrogate],
        "L": letters, "LC": [.uppercaseLetter, .lowercaseLetter, .titlecaseLetter], "Ll": [.lowercaseLetter],
        "Lm": [.modifierLetter], "Lo": [.otherLetter], "Lt": [.titlecaseLetter], "Lu": [.uppercaseLetter],
        "M": [.spacingMark, .enclosingMark, .nonspacingMark], "Mc": [.spacingMark], "Me": [.enclosingMark],
        "Mn": [.nonspacingMark],
        "N": [.decimalNumber, .letterNumber, .otherNumber], "Nd": [.decimalNumber], "Nl": [.letterNumber],
        "No": [.otherNumber],
        "P": [.connectorPunctuation, .dashPunctuation, .closePunctuation, .finalPunctuation,
              .initialPunctuation, .otherPunctuation, .openPunctuation],
        "Pc": [.connectorPunctuation], "Pd": [.dashPunctuation], "Pe": [.closePunctuation],
        "Pf": [.finalPunctuation], "Pi": [.initialPunctuation], "Po": [.otherPunctuation], "Ps": [.openPunctuation],
        "S": [.currencySymbol, .modifierSymbol, .mathSymbol, .otherSymbol], "Sc": [.currencySymbol],
        "Sk": [.modifierSymbol], "Sm": [.mathSymbol], "So": [.otherSymbol],
        "Z": [.lineSeparator, .paragraphSeparator, .spaceSeparator], "Zl": [.lineSeparator],
        "Zp": [.paragraphSeparator], "Zs": [.spaceSeparator],
    ]

    /// Go's `canonicalName`: drop `_`, `-` and spaces, upper-case the first letter, lower the rest.
    static func canonical(_ name: String) -> String {
        var out = ""
        var first = true
        for c in name.unicodeScalars {
            if c == "_" || c == "-" || c == " " { continue }
            if first {
                out.unicodeScalars.append(c.value >= 0x61 && c.value <= 0x7A ? Unicode.Scalar(c.value - 32)! : c)
                first = false
            } else {
                out.unicodeScalars.append(c.value >= 0x41 && c.value <= 0x5A ? Unicode.Scalar(c.value + 32)! : c)
            }
        }
        return out
    }

    private static let categories = [
        "C", "Cc", "Cf", "Cn", "Co", "Cs", "L", "LC", "Ll", "Lm", "Lo", "Lt", "Lu", "M", "Mc", "Me", "Mn",
        "N", "Nd", "Nl", "No", "P", "Pc", "Pd", "Pe", "Pf", "Pi", "Po", "Ps", "S", "Sc", "Sk", "Sm", "So",
        "Z", "Zl", "Zp", "Zs",
    ]

    private static let categoryAliases: [String: String] = [
        "Other": "C", "Control": "Cc", "cntrl": "Cc", "Format": "Cf", "Unassigned": "Cn", "Private_Use": "Co",
        "Surrogate": "Cs", "Letter": "L", "Cased_Letter": "LC", "Lowercase_Letter": "Ll",
        "Modifier_Letter": "Lm", "Other_Letter": "Lo", "Titlecase_Letter": "Lt", "Uppercase_Letter": "Lu",
        "Mark": "M", "Combining_Mark": "M", "Spacing_Mark": "Mc", "Enclosing_Mark": "Me",
        "Nonspacing_Mark": "Mn", "Number": "N", "Decimal_Number": "Nd", "digit": "Nd", "Letter_Number": "Nl",
        "Other_Number": "No", "Punctuation": "P", "punct": "P", "Connector_Punctuation": "Pc",
        "Dash_Punctuation": "Pd", "Close_Punctuation": "Pe", "Final_Punctuation": "Pf",
        "Initial_Punctuation": "Pi", "Other_Punctuation": "Po", "Open_Punctuation": "Ps", "Symbol": "S",
        "Currency_Symbol": "Sc", "Modifier_Symbol": "Sk", "Math_Symbol": "Sm", "Other_Symbol": "So",
        "Separator": "Z", "Line_Separator": "Zl", "Paragraph_Separator": "Zp", "Space_Separator": "Zs",
    ]

    private static let scripts = [
        "Adlam", "Ahom", "Anatolian_Hieroglyphs", "Arabic", "Armenian", "Avestan", "Balinese", "Bamum",
        "Bassa_Vah", "Batak", "Bengali", "Bhaiksuki", "Bopomofo", "Brahmi", "Braille", "Buginese", "Buhid",
        "Canadian_Aboriginal", "Carian", "Caucasian_Albanian", "Chakma", "Cham", "Cherokee", "Chorasmian",
        "Common", "Coptic", "Cuneiform", "Cypriot", "Cypro_Minoan", "Cyrillic", "Deseret", "Devanagari",
        "Dives_Akuru", "Dogra", "Duployan", "Egyptian_Hieroglyphs", "Elbasan", "Elymaic", "Ethiopic",
        "Georgian", "Glagolitic", "Gothic", "Grantha", "Greek", "Gujarati", "Gunjala_Gondi", "Gurmukhi", "Han",
        "Hangul", "Hanifi_Rohingya", "Hanunoo", "Hatran", "Hebrew", "Hiragana", "Imperial_Aramaic",
        "Inherited", "Inscriptional_Pahlavi", "Inscriptional_Parthian", "Javanese", "Kaithi", "Kannada",
        "Katakana", "Kawi", "Kayah_Li", "Kharoshthi", "Khitan_Small_Script", "Khmer", "Khojki", "Khudawadi",
        "Lao", "Latin", "Lepcha", "Limbu", "Linear_A", "Linear_B", "Lisu", "Lycian", "Lydian", "Mahajani",
        "Makasar", "Malayalam", "Mandaic", "Manichaean", "Marchen", "Masaram_Gondi", "Medefaidrin",
        "Meetei_Mayek", "Mende_Kikakui", "Meroitic_Cursive", "Meroitic_Hieroglyphs", "Miao", "Modi",
        "Mongolian", "Mro", "Multani", "Myanmar", "Nabataean", "Nag_Mundari", "Nandinagari", "New_Tai_Lue",
        "Newa", "Nko", "Nushu", "Nyiakeng_Puachue_Hmong", "Ogham", "Ol_Chiki", "Old_Hungarian", "Old_Italic",
        "Old_North_Arabian", "Old_Permic", "Old_Persian", "Old_Sogdian", "Old_South_Arabian", "Old_Turkic",
        "Old_Uyghur", "Oriya", "Osage", "Osmanya", "Pahawh_Hmong", "Palmyrene", "Pau_Cin_Hau", "Phags_Pa",
        "Phoenician", "Psalter_Pahlavi", "Rejang", "Runic", "Samaritan", "Saurashtra", "Sharada", "Shavian",
        "Siddham", "SignWriting", "Sinhala", "Sogdian", "Sora_Sompeng", "Soyombo", "Sundanese",
        "Syloti_Nagri", "Syriac", "Tagalog", "Tagbanwa", "Tai_Le", "Tai_Tham", "Tai_Viet", "Takri", "Tamil",
        "Tangsa", "Tangut", "Telugu", "Thaana", "Thai", "Tibetan", "Tifinagh", "Tirhuta", "Toto", "Ugaritic",
        "Vai", "Vithkuqi", "Wancho", "Warang_Citi", "Yezidi", "Yi", "Zanabazar_Square",
    ]

    private static let table: [String: String] = {
        var t: [String: String] = ["Any": "Any", "Assigned": "Assigned", "Ascii": "ASCII"]
        for c in categories { t[canonical(c)] = c }
        for (alias, c) in categoryAliases { t[canonical(alias)] = c }
        for s in scripts { t[canonical(s)] = s }
        return t
    }()
}
