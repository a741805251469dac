/// Names and profile vocabulary for the demo store: mostly Spanish, some
/// English, with the accents and ñ that the console must align and find.
enum DemoPeople {
    static let spanishGiven = [
        "José", "María", "Begoña", "Íñigo", "Lucía", "Álvaro", "Martín", "Sofía", "Jesús", "Inés", "Raúl", "Ramón",
        "Andrés", "Mónica", "Nuria", "Adrián", "Aitor", "Amaia", "Óscar", "Elena", "Carmen", "Ángela", "Sergio",
        "Rocío", "Joaquín", "Verónica", "Pilar", "Tomás", "Belén", "Iván", "Ainhoa", "Gonzalo", "Maite", "Fátima",
        "Julián", "Noemí", "Xavier", "Núria", "Jordi", "Montserrat", "Estíbaliz", "Asunción", "Rubén", "Irene",
    ]
    static let spanishFamily = [
        "Núñez", "Ibáñez", "García", "Fernández", "López", "Martínez", "Sánchez", "Pérez", "Gómez", "Martín",
        "Jiménez", "Ruiz", "Hernández", "Díaz", "Moreno", "Muñoz", "Álvarez", "Romero", "Alonso", "Gutiérrez",
        "Navarro", "Torres", "Domínguez", "Vázquez", "Ramos", "Gil", "Ramírez", "Serrano", "Blanco", "Suárez",
        "Castaño", "Peña", "Echeverría", "Urquijo", "Agüero", "Ortiz", "Rubio", "Marín", "Sanz", "Iglesias",
        "Medina", "Cortés", "Garrido", "Lozano", "Cuesta", "Beltrán", "Quiñones", "Valverde", "Zúñiga", "Mújica",
    ]
    static let englishGiven = [
        "James", "Emma", "Oliver", "Charlotte", "Harry", "Amelia", "George", "Isla", "Jack", "Sophie", "Thomas",
        "Grace", "William", "Chloé", "Noah", "Zoë", "Liam", "Renée", "Daniel", "Hannah",
    ]
    static let englishFamily = [
        "Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Johnson", "Davies", "Robinson", "Wright",
        "Thompson", "Evans", "Walker", "White", "O'Connor", "Hughes", "Edwards", "Green", "Hall", "Clarke",
    ]
    static let occupations = [
        "enfermera", "profesor", "ingeniera", "abogado", "autónoma", "médico", "comercial", "arquitecta",
        "estudiante", "jubilado", "administrativa", "camarero", "programadora", "electricista", "farmacéutica",
        "teacher", "nurse", "designer", "retired", "accountant",
    ]
    static let tastes = [
        "café de especialidad", "vino tinto", "cocina japonesa", "chocolate negro", "té verde", "comida vegana",
        "marisco", "repostería",
    ]
    static let interests = [
        "tecnología", "viajes", "moda", "deporte", "cine", "música", "fotografía", "jardinería", "decoración",
        "lectura",
    ]
    static let hobbies = [
        "running", "pádel", "senderismo", "yoga", "ciclismo", "cocina", "ajedrez", "natación", "pintura", "surf",
    ]
    static let emailDomains = ["gmail.com", "hotmail.es", "yahoo.es", "outlook.com", "telefonica.net", "icloud.com"]
    static let networks = ["instagram", "x", "facebook", "linkedin"]

    /// The email-safe form of a name: ASCII letters only (José Núñez → jose.nunez).
    static func emailLocalPart(given: String, family: String) -> String {
        func fold(_ text: String) -> String {
            let map: [Character: String] = [
                "á": "a", "é": "e", "í": "i", "ó": "o", "ú": "u", "ü": "u", "ñ": "n", "ç": "c", "à": "a", "è": "e",
                "ë": "e",
                "ï": "i", "ò": "o", "Á": "a", "É": "e", "Í": "i", "Ó": "o", "Ú": "u", "Ñ": "n",
            ]
            return text.lowercased().map { character in
                if let plain = map[character] { return plain }
                return character.isLetter && character.isASCII ? String(character) : ""
            }.joined()
        }
        return fold(given) + "." + fold(family)
    }
}
