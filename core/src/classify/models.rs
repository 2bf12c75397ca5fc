//! Model series that say what a device is ("Latitude 5420" is a laptop, "2930F-48G" a switch,
//! "Smart-UPS" an UPS): evidence when the type column is vague ("Matériel", GLPI's
//! "Networking") or missing. Plain data, checked in order: the first series found decides.
//!
//! A pattern is one or more words compared with the normalized model (lower case, no accents,
//! punctuation as spaces). A word ending in `#` is a series prefix followed by a number: "eb#"
//! matches "eb695wi" and "EB-695Wi" (read "eb 695wi"): the prefix followed by digits, or by a
//! word that starts with a digit or with letters then digits.

/// (pattern, class id); patterns are written in lower case, as normalized text is.
pub const MODEL_SERIES: &[(&str, &str)] = &[
    // Docks before the laptop series whose name they carry ("ThinkPad USB-C Dock").
    ("wd1#", "docking_station"),
    ("wd2#", "docking_station"),
    ("thinkpad dock", "docking_station"),
    ("thinkpad usb c dock", "docking_station"),
    ("thunderbolt dock", "docking_station"),
    ("usb c dock", "docking_station"),
    ("dock", "docking_station"),
    // Rugged and special laptops before the general series ("Latitude 5430 Rugged" is a
    // laptop whose "rugged" qualifier refines it).
    ("toughbook", "rugged_laptop"),
    ("durabook", "rugged_laptop"),
    ("getac", "rugged_laptop"),
    ("toughpad", "rugged_tablet"),
    ("chromebook", "chromebook"),
    ("latitude", "laptop"),
    ("thinkpad", "laptop"),
    ("elitebook", "laptop"),
    ("probook", "laptop"),
    ("zbook", "laptop"),
    ("macbook", "laptop"),
    ("travelmate", "laptop"),
    ("expertbook", "laptop"),
    ("vivobook", "laptop"),
    ("ideapad", "laptop"),
    ("surface laptop", "laptop"),
    ("dynabook", "laptop"),
    ("optiplex", "desktop"),
    ("thinkcentre", "desktop"),
    ("prodesk", "desktop"),
    ("elitedesk", "desktop"),
    ("veriton", "desktop"),
    ("mac mini", "desktop"),
    ("nuc", "desktop"),
    ("imac", "all_in_one"),
    ("wyse", "thin_client"),
    ("ipad", "tablet"),
    ("galaxy tab", "tablet"),
    ("surface go", "tablet"),
    ("iphone", "smartphone"),
    ("fairphone", "smartphone"),
    ("galaxy", "smartphone"),
    ("pixel", "smartphone"),
    ("redmi", "smartphone"),
    ("thinkvision", "monitor"),
    ("ultrasharp", "monitor"),
    ("prolite", "monitor"),
    // Interactive displays and projectors.
    ("activpanel", "interactive_display"),
    ("clevertouch", "interactive_display"),
    ("speechi", "interactive_display"),
    ("smart board", "interactive_display"),
    ("viewboard", "interactive_display"),
    ("sahara", "interactive_display"),
    ("eb#", "projector"),
    ("optoma", "projector"),
    ("vivitek", "projector"),
    // Printing: A3 copiers, multifunction, laser.
    ("imagerunner", "copier_a3"),
    ("bizhub", "copier_a3"),
    ("taskalfa", "copier_a3"),
    ("altalink", "copier_a3"),
    ("aficio", "copier_a3"),
    ("im c#", "copier_a3"),
    ("mp c#", "copier_a3"),
    ("workcentre", "multifunction_printer"),
    ("versalink", "multifunction_printer"),
    ("officejet", "multifunction_printer"),
    ("ecotank", "multifunction_printer"),
    ("mfc#", "multifunction_printer"),
    ("dcp#", "multifunction_printer"),
    ("mfp", "multifunction_printer"),
    ("laserjet", "laser_printer"),
    ("hl#", "laser_printer"),
    ("lbp#", "laser_printer"),
    ("deskjet", "printer"),
    ("scansnap", "scanner"),
    ("fi#", "scanner"),
    // Network: access points before switches (some vendors sell both under one name).
    ("unifi ap", "wifi_access_point"),
    ("uap#", "wifi_access_point"),
    ("uap", "wifi_access_point"),
    ("u6", "wifi_access_point"),
    ("aironet", "wifi_access_point"),
    ("meraki mr#", "wifi_access_point"),
    ("instant on ap#", "wifi_access_point"),
    ("aruba ap#", "wifi_access_point"),
    ("iap#", "wifi_access_point"),
    ("ap#", "wifi_access_point"),
    ("eap#", "wifi_access_point"),
    ("fortigate", "firewall"),
    ("fortiwifi", "firewall_desktop"),
    ("stormshield", "firewall"),
    ("sn#", "firewall"),
    ("sophos xg", "firewall"),
    ("watchguard", "firewall"),
    ("pfsense", "firewall"),
    ("meraki mx#", "firewall"),
    ("catalyst", "network_switch"),
    ("ws c#", "network_switch"),
    ("c9200#", "network_switch"),
    ("c9300#", "network_switch"),
    ("cbs#", "network_switch"),
    ("sg#", "network_switch"),
    ("procurve", "network_switch"),
    ("officeconnect", "network_switch"),
    ("aruba 1930", "network_switch"),
    ("aruba 2530", "network_switch"),
    ("aruba 2540", "network_switch"),
    ("aruba 2930f", "network_switch"),
    ("aruba 2930m", "network_switch"),
    ("aruba cx", "network_switch"),
    ("2930f", "network_switch"),
    ("2530", "network_switch"),
    ("meraki ms#", "network_switch"),
    ("usw", "network_switch"),
    ("us#", "network_switch"),
    ("edgeswitch", "network_switch"),
    ("gs#", "network_switch"),
    ("jgs#", "network_switch"),
    ("xs#", "network_switch"),
    ("tl sg#", "network_switch"),
    ("nexus", "network_switch"),
    ("isr#", "router"),
    ("routerboard", "router"),
    ("edgerouter", "router"),
    ("mikrotik", "router"),
    ("livebox", "internet_box"),
    ("freebox", "internet_box"),
    // Servers and storage.
    ("poweredge", "server"),
    ("proliant", "server"),
    ("thinksystem", "server"),
    ("primergy", "server"),
    ("synology", "nas"),
    ("qnap", "nas"),
    ("netapp", "nas"),
    ("powervault", "nas"),
    ("powerstore", "nas"),
    ("readynas", "nas"),
    // Power, security, badges.
    ("smart ups", "ups"),
    ("back ups", "ups"),
    ("easy ups", "ups"),
    ("eaton 5sc", "ups"),
    ("eaton 5px", "ups"),
    ("eaton 9px", "ups"),
    ("eaton 5e", "ups"),
    ("riello", "ups"),
    ("axis", "ip_camera"),
    ("hikvision", "ip_camera"),
    ("dahua", "ip_camera"),
    ("hanwha", "ip_camera"),
    ("vivotek", "ip_camera"),
    ("avigilon", "ip_camera"),
    ("kelio", "badge_reader"),
    ("bodet", "badge_reader"),
    // Telephony, audio and video.
    ("gigaset", "dect_phone"),
    ("yealink w#", "dect_phone"),
    ("snom m#", "dect_phone"),
    ("yealink t#", "ip_phone"),
    ("sip t#", "ip_phone"),
    ("vvx", "ip_phone"),
    ("cisco cp#", "ip_phone"),
    ("cp#", "ip_phone"),
    ("snom d#", "ip_phone"),
    ("rally", "videoconference_kit"),
    ("meetup", "videoconference_kit"),
    ("poly studio", "videoconference_kit"),
    ("meetingbar", "videoconference_kit"),
    ("uvc#", "videoconference_kit"),
    ("brio", "webcam"),
    ("logitech c#", "webcam"),
    ("jabra", "headset"),
    ("plantronics", "headset"),
    ("blackwire", "headset"),
    ("voyager", "headset"),
    ("epos", "headset"),
    ("elmo", "document_camera"),
    ("ipevo", "document_camera"),
];

/// Whether one pattern word matches the text's word at `i`; returns how many text words it
/// took (0: no match). `prefix#` takes "prefix123" or "prefix" followed by a word that starts
/// with a digit or with letters then digits ("hl l2350dw", "eb 695wi").
fn word_matches(pattern: &str, words: &[&str], i: usize) -> usize {
    let Some(w) = words.get(i) else { return 0 };
    match pattern.strip_suffix('#') {
        None => usize::from(*w == pattern),
        Some(prefix) => {
            if let Some(rest) = w.strip_prefix(prefix) {
                if rest.starts_with(|c: char| c.is_ascii_digit()) {
                    return 1;
                }
                if rest.is_empty() {
                    let next = words.get(i + 1).copied().unwrap_or("");
                    let letters = next.chars().take_while(char::is_ascii_alphabetic).count();
                    if letters <= 2 && next[letters..].starts_with(|c: char| c.is_ascii_digit()) {
                        return 2;
                    }
                }
            }
            0
        }
    }
}

/// The first series a normalized text names: (class id, the pattern that matched).
pub fn series_class(normalized: &str) -> Option<(&'static str, &'static str)> {
    let words: Vec<&str> = normalized.split(' ').filter(|w| !w.is_empty()).collect();
    MODEL_SERIES.iter().find_map(|(pattern, class)| {
        (0..words.len())
            .any(|start| {
                let mut at = start;
                pattern.split(' ').all(|p| {
                    let took = word_matches(p, &words, at);
                    at += took;
                    took > 0
                })
            })
            .then_some((*class, *pattern))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::names::normalize;

    fn class_of(model: &str) -> Option<&'static str> {
        series_class(&normalize(model)).map(|(c, _)| c)
    }

    #[test]
    fn patterns_are_lower_case() {
        for (p, _) in MODEL_SERIES {
            assert_eq!(*p, p.to_ascii_lowercase());
        }
    }

    #[test]
    fn series_by_family() {
        assert_eq!(class_of("Dell Latitude 5420"), Some("laptop"));
        assert_eq!(class_of("Latitude 5430 Rugged"), Some("laptop"));
        assert_eq!(class_of("HP EliteBook 840 G8"), Some("laptop"));
        assert_eq!(class_of("Lenovo ThinkCentre M70q"), Some("desktop"));
        assert_eq!(class_of("Aruba 2930F-48G-4SFP+"), Some("network_switch"));
        assert_eq!(
            class_of("HPE Aruba Instant On AP22"),
            Some("wifi_access_point")
        );
        assert_eq!(
            class_of("Cisco Catalyst C9200L-24P-4G"),
            Some("network_switch")
        );
        assert_eq!(class_of("Cisco CBS350-24P-4G"), Some("network_switch"));
        assert_eq!(class_of("Netgear GS108"), Some("network_switch"));
        assert_eq!(
            class_of("Ubiquiti UniFi AP AC Pro"),
            Some("wifi_access_point")
        );
        assert_eq!(class_of("Ubiquiti USW-24-POE"), Some("network_switch"));
        assert_eq!(class_of("FortiGate 60F"), Some("firewall"));
        assert_eq!(class_of("APC Smart-UPS 1500"), Some("ups"));
        assert_eq!(class_of("Brother HL-L2350DW"), Some("laser_printer"));
        assert_eq!(
            class_of("Brother MFC-L2710DW"),
            Some("multifunction_printer")
        );
        assert_eq!(
            class_of("Canon imageRUNNER ADVANCE C3530i"),
            Some("copier_a3")
        );
        assert_eq!(class_of("Epson EB-695Wi"), Some("projector"));
        assert_eq!(class_of("Synology DS920+"), Some("nas"));
        assert_eq!(class_of("Axis M3106-L"), Some("ip_camera"));
        assert_eq!(class_of("Yealink SIP-T46S"), Some("ip_phone"));
        assert_eq!(class_of("Yealink W60P"), Some("dect_phone"));
        assert_eq!(class_of("Logitech Rally Bar"), Some("videoconference_kit"));
        assert_eq!(class_of("Dell WD19S"), Some("docking_station"));
        assert_eq!(
            class_of("Lenovo ThinkPad USB-C Dock Gen 2"),
            Some("docking_station")
        );
        assert_eq!(class_of("Ricoh IM C3000"), Some("copier_a3"));
        assert_eq!(class_of("Dell PowerEdge R650"), Some("server"));
        assert_eq!(
            class_of("Promethean ActivPanel Titanium 75"),
            Some("interactive_display")
        );
        assert_eq!(class_of("Grille-pain Moulinex"), None);
        assert_eq!(class_of("XPS 13"), None);
    }
}
