//! Rules of the classifier, against the default dataset.

use crate::dataset::Dataset;

fn class(text: &str) -> String {
    class_with_model(text, None)
}

fn class_with_model(text: &str, model: Option<&str>) -> String {
    let ds = Dataset::embedded_default();
    match ds.classify(text, model) {
        Ok(c) => c
            .class
            .unwrap_or(ds.category(c.category).id.as_str())
            .to_string(),
        Err(s) => format!("unknown ({s:?})"),
    }
}

#[test]
fn head_noun_with_qualifiers() {
    assert_eq!(class("Écran 24 pouces"), "monitor");
    assert_eq!(class("Écrans 27\""), "monitor");
    assert_eq!(class("Imprimante laser"), "laser_printer");
    assert_eq!(class("Imprimante jet d'encre couleur"), "printer");
    assert_eq!(class("Copieur multifonction A3"), "copier_a3");
    assert_eq!(class("Tablette durcie"), "rugged_tablet");
    assert_eq!(class("PC portable 14\""), "laptop");
    assert_eq!(class("PC portable durci"), "rugged_laptop");
    assert_eq!(class("Serveur rack 1U"), "server");
    assert_eq!(class("Switch 48 ports"), "network_switch_rack");
    assert_eq!(class("Switch 8 ports"), "network_switch_desktop");
    assert_eq!(class("Borne Wi-Fi extérieure"), "wifi_access_point");
    assert_eq!(class("Écran 55 pouces affichage"), "signage_display");
    assert_eq!(class("ENI 75 pouces"), "interactive_display_large");
    assert_eq!(
        class("Écran numérique interactif 65\""),
        "interactive_display_small"
    );
    assert_eq!(class("Laser printer"), "laser_printer");
}

#[test]
fn words_of_schools_and_offices() {
    assert_eq!(class("Poste fixe"), "desktop");
    assert_eq!(class("Unité centrale"), "desktop");
    assert_eq!(class("Téléphone portable"), "smartphone");
    assert_eq!(class("Poste téléphonique"), "ip_phone");
    assert_eq!(class("Téléphone DECT"), "dect_phone");
    assert_eq!(class("Onduleur"), "ups");
    assert_eq!(class("Caméra de vidéoprotection"), "ip_camera");
    assert_eq!(class("Badgeuse"), "badge_reader");
    assert_eq!(class("Borne interactive"), "kiosk");
    assert_eq!(class("Station d'accueil"), "docking_station");
    assert_eq!(class("Visualiseur"), "document_camera");
    assert_eq!(class("Scanner"), "scanner");
    assert_eq!(class("Autocommutateur"), "ipbx");
    assert_eq!(class("Chromebook"), "chromebook");
    assert_eq!(class("Écran d'affichage dynamique"), "signage_display");
    assert_eq!(class("ENI"), "interactive_display");
    assert_eq!(class("Borne de prêt"), "kiosk");
    assert_eq!(class("Automate de prêt"), "kiosk");
}

#[test]
fn ambiguous_words_say_their_assumption() {
    let ds = Dataset::embedded_default();
    for (word, id) in [
        ("VPI", "projector"),
        ("TBI", "projector"),
        ("TNI", "projector"),
        ("Portable", "laptop"),
    ] {
        let c = ds.classify(word, None).unwrap();
        assert_eq!(c.class, Some(id), "{word}");
        assert!(c.assumption.is_some(), "{word}");
    }
    assert!(ds
        .classify("Ordinateur portable", None)
        .unwrap()
        .assumption
        .is_none());
}

#[test]
fn the_model_decides_when_the_type_is_vague() {
    assert_eq!(
        class_with_model("Matériel", Some("Dell Latitude 5420")),
        "laptop"
    );
    assert_eq!(
        class_with_model("Networking", Some("Aruba 2930F-48G-4SFP+")),
        "network_switch_rack"
    );
    assert_eq!(
        class_with_model("", Some("Lenovo ThinkCentre M70q")),
        "desktop"
    );
    assert_eq!(
        class_with_model("Portable", Some("iPhone 13")),
        "smartphone"
    );
    assert_eq!(class_with_model("Écran", Some("Dell P2422H")), "monitor");
    assert_eq!(
        class_with_model("", Some("Lenovo ThinkPad USB-C Dock Gen 2")),
        "docking_station"
    );
    assert_eq!(
        class_with_model("Copieur multifonction", Some("Ricoh IM C3000")),
        "copier_a3"
    );
    // A projector's model number is no screen size.
    let ds = Dataset::embedded_default();
    let vpi = ds.classify("VPI", Some("Epson EB-695Wi")).unwrap();
    assert!(!vpi.rule.contains("qualifiers"), "{}", vpi.rule);
    assert!(class_with_model("Matériel", Some("XZ-12")).starts_with("unknown (None"));
}

#[test]
fn no_misleading_suggestion() {
    let ds = Dataset::embedded_default();
    for text in [
        "Grille-pain",
        "Machine à café",
        "Réfrigérateur",
        "Aspirateur",
    ] {
        assert_eq!(ds.classify(text, None).err(), Some(None), "{text}");
    }
    // A typo still gets its suggestion.
    let s = ds
        .classify("ordinateur portabel", None)
        .err()
        .flatten()
        .unwrap();
    assert!(s.contains("laptop"), "{s}");
}

#[test]
fn classes_without_figures_are_not_available() {
    let ds = Dataset::embedded_default();
    let c = ds.classify("Onduleur", None).unwrap();
    assert_eq!(
        ds.category(c.category).coverage,
        crate::dataset::Coverage::NotAvailable
    );
    assert!(c.rule.contains("not available"), "{}", c.rule);
}
