//! The active media word of `SIOCGIFMEDIA` (`<net/if_media.h>` of macOS) as psutil's
//! `net_if_stats()` speed (Mbit/s) and duplex.

/// `IFM_NMASK`: the network type bits.
const IFM_NMASK: i32 = 0xe0;
/// `IFM_ETHER`.
const IFM_ETHER: i32 = 0x20;
/// `IFM_TMASK`: the subtype bits.
const IFM_TMASK: i32 = 0x1f;
/// `IFM_FDX`: full duplex.
const IFM_FDX: i32 = 0x0010_0000;
/// `IFM_HDX`: half duplex.
const IFM_HDX: i32 = 0x0020_0000;

/// The Ethernet subtypes of macOS's `<net/if_media.h>` and their speed in Mbit/s.
const ETHER_SPEEDS: &[(i32, u32)] = &[
    (3, 10),     // IFM_10_T
    (4, 10),     // IFM_10_2
    (5, 10),     // IFM_10_5
    (6, 100),    // IFM_100_TX
    (7, 100),    // IFM_100_FX
    (8, 100),    // IFM_100_T4
    (9, 100),    // IFM_100_VG
    (10, 100),   // IFM_100_T2
    (11, 1000),  // IFM_1000_SX
    (12, 10),    // IFM_10_STP
    (13, 10),    // IFM_10_FL
    (14, 1000),  // IFM_1000_LX
    (15, 1000),  // IFM_1000_CX
    (16, 1000),  // IFM_1000_T
    (17, 1),     // IFM_HPNA_1
    (18, 10000), // IFM_10G_SR
    (19, 10000), // IFM_10G_LR
    (20, 10000), // IFM_10G_CX4
    (21, 10000), // IFM_10G_T
    (22, 2500),  // IFM_2500_T
    (23, 5000),  // IFM_5000_T
    (24, 1000),  // IFM_1000_CX_SGMII
    (25, 1000),  // IFM_1000_KX
    (26, 10000), // IFM_10G_KX4
    (27, 10000), // IFM_10G_KR
    (28, 10000), // IFM_10G_CR1
    (29, 10000), // IFM_10G_ER
    (30, 20000), // IFM_20G_KR2
];

/// The speed in Mbit/s of an Ethernet media word; 0 for other networks and unknown
/// subtypes (psutil's "unknown").
pub fn speed(active: i32) -> u32 {
    if active & IFM_NMASK != IFM_ETHER {
        return 0;
    }
    let sub = active & IFM_TMASK;
    ETHER_SPEEDS
        .iter()
        .find(|(s, _)| *s == sub)
        .map_or(0, |(_, mbps)| *mbps)
}

/// psutil's duplex number: 2 full (`IFM_FDX`), 1 half (`IFM_HDX`), 0 unknown.
pub fn duplex(active: i32) -> u8 {
    if active & IFM_FDX != 0 {
        2
    } else if active & IFM_HDX != 0 {
        1
    } else {
        0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ethernet_words() {
        // IFM_ETHER | IFM_1000_T | IFM_FDX
        let w = IFM_ETHER | 16 | IFM_FDX;
        assert_eq!((speed(w), duplex(w)), (1000, 2));
        assert_eq!(
            (speed(IFM_ETHER | 6 | IFM_HDX), duplex(IFM_ETHER | IFM_HDX)),
            (100, 1)
        );
        assert_eq!(speed(IFM_ETHER | 31), 0);
        // IFM_IEEE80211 (0x80): not Ethernet
        assert_eq!((speed(0x80 | 16), duplex(0x80)), (0, 0));
        assert_eq!(speed(-1), 0);
    }
}
