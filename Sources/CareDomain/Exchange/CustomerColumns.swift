import Foundation

/// The customer fields an import understands, and the header names that
/// mean each one in Spanish and English. Headers are compared folded (no
/// accents, no case, letters and digits only), so "Correo electrónico",
/// "E-mail" and "email" all mean the email.
public enum CustomerColumn: String, CaseIterable, Sendable {
    case id, name, givenName, familyName, secondFamilyName, phone, email, preferredChannel, birthDate, occupation
    case maritalStatus, customerSince, lifecycle, tastes, interests, hobbies, usualProducts
    case serviceConsent, marketingConsent, profilingConsent
    /// Known (an export writes them) but not imported: the store computes them.
    case ignored

    static let names: [CustomerColumn: [String]] = [
        .id: ["id", "customerid", "clientid", "idcliente", "codigo", "codigocliente", "numerodecliente", "ncliente"],
        .name: ["name", "fullname", "customername", "nombrecompleto", "cliente"],
        .givenName: ["firstname", "givenname", "nombre"],
        .familyName: ["lastname", "surname", "familyname", "apellidos", "apellido", "primerapellido"],
        .secondFamilyName: ["segundoapellido", "secondsurname"],
        .phone: [
            "phone", "telephone", "tel", "phonenumber", "mobile", "telefono", "movil", "celular", "numerodetelefono",
        ],
        .email: ["email", "mail", "emailaddress", "correo", "correoelectronico", "direcciondecorreo"],
        .preferredChannel: ["preferredchannel", "channel", "canal", "canalpreferido"],
        .birthDate: ["birthdate", "dateofbirth", "birthday", "fechadenacimiento", "fechanacimiento", "nacimiento"],
        .occupation: ["occupation", "job", "profession", "ocupacion", "profesion", "trabajo"],
        .maritalStatus: ["maritalstatus", "estadocivil"],
        .customerSince: ["customersince", "since", "clientedesde", "fechadealta", "fechaalta", "alta"],
        .lifecycle: ["lifecycle", "lifecyclestage", "stage", "etapa"],
        .tastes: ["tastes", "gustos"],
        .interests: ["interests", "intereses"],
        .hobbies: ["hobbies", "aficiones"],
        .usualProducts: ["usualproducts", "products", "productoshabituales", "productos"],
        .serviceConsent: ["serviceconsent", "consentimientoservicio"],
        .marketingConsent: [
            "marketingconsent", "marketing", "consentimientomarketing", "aceptamarketing", "publicidad",
            "aceptapublicidad",
        ],
        .profilingConsent: ["profilingconsent", "profiling", "consentimientoperfilado", "perfilado"],
        .ignored: ["tier", "nivel", "points", "puntos"],
    ]

    /// The column a header names, or nil for one this import does not know.
    /// "Nombre" is the full name, unless a surname column is there too.
    static func matching(_ header: String, hasFamilyName: Bool) -> CustomerColumn? {
        let key = fold(header)
        if key == "nombre" { return hasFamilyName ? .givenName : .name }
        return names.first { $0.value.contains(key) }?.key
    }

    /// Lower case, no accents, letters and digits only.
    static func fold(_ text: String) -> String {
        text.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: Locale(identifier: "en_US_POSIX"))
            .lowercased().filter { $0.isLetter || $0.isNumber }
    }

}
