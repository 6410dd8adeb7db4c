//! The active media word of `SIOCGIFMEDIA` (`ifm_active`, `<net/if_media.h>` of
//! FreeBSD) as psutil's `net_if_stats()` speed (Mbit/s) and duplex.

use crate::net::if_stats::NicDuplex;

/// `IFM_NMASK`: the network type bits.
pub const IFM_NMASK: i32 = 0x0000_00e0;
/// `IFM_ETHER`.
pub const IFM_ETHER: i32 = 0x0000_0020;
/// `IFM_TMASK`: the subtype's low bits.
pub const IFM_TMASK: i32 = 0x0000_001f;
/// `IFM_ETH_XTYPE`: the extended Ethernet subtype bits.
pub const IFM_ETH_XTYPE: i32 = 0x0000_7800;
/// `IFM_ETH_XSHIFT`.
pub const IFM_ETH_XSHIFT: u32 = 6;
/// `IFM_FDX`: full duplex.
pub const IFM_FDX: i32 = 0x0010_0000;
/// `IFM_HDX`: half duplex.
pub const IFM_HDX: i32 = 0x0020_0000;

/// `IFM_SUBTYPE` of an Ethernet media word (with the extended subtype bits).
pub fn subtype(active: i32) -> i32 {
    (active & IFM_TMASK) | ((active & IFM_ETH_XTYPE) >> IFM_ETH_XSHIFT)
}

/// The speed in Mbit/s of an Ethernet media word (`IFM_10_T` … `IFM_100G_LR4`), 0 for
/// another network type or an unknown subtype.
pub fn speed(active: i32) -> u32 {
    if active & IFM_NMASK != IFM_ETHER {
        return 0;
    }
    match subtype(active) {
        17 => 1,                                              // IFM_HPNA_1
        3 | 4 | 5 | 12 | 13 => 10,                            // 10_T, 10_2, 10_5, 10_STP, 10_FL
        6..=10 | 52 => 100,                                   // 100_TX, _FX, _T4, _VG, _T2, 100_T
        11 | 14 | 15 | 16 | 30 | 41 | 44 => 1000, // 1000_SX, _LX, _CX, _T, _KX, _SGMII, _CX_SGMII
        21 | 36 | 37 => 2500,                     // 2500_SX, 2500_KX, 2500_T
        38 => 5000,                               // 5000_T
        18..=20 | 22..=24 | 26 | 32..=34 | 42 | 46 => 10_000, // 10G_*
        35 => 20_000,                             // 20G_KR2
        40 | 53..=55 => 25_000,                   // 25G_PCIE, 25G_CR, _KR, _SR
        27..=29 | 43 | 45 => 40_000,              // 40G_CR4, _SR4, _LR4, _XLPPI, _KR4
        39 | 56 | 57 => 50_000,                   // 50G_PCIE, 50G_CR2, _KR2
        51 => 56_000,                             // 56G_R4
        47..=50 => 100_000,                       // 100G_CR4, _SR4, _KR4, _LR4
        _ => 0,
    }
}

/// The duplex of a media word: `IFM_FDX` full, `IFM_HDX` half, else unknown.
pub fn duplex(active: i32) -> NicDuplex {
    if active & IFM_FDX != 0 {
        NicDuplex::Full
    } else if active & IFM_HDX != 0 {
        NicDuplex::Half
    } else {
        NicDuplex::Unknown
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words() {
        // IFM_ETHER | IFM_1000_T | IFM_FDX
        let w = IFM_ETHER | 16 | IFM_FDX;
        assert_eq!((speed(w), duplex(w)), (1000, NicDuplex::Full));
        // IFM_ETHER | IFM_10G_T (26: bits 0x1a)
        assert_eq!(speed(IFM_ETHER | 26), 10_000);
        // extended subtype 37 (2500_T): low 5 bits 5, high bits (32 >> 5) << 11
        let x = IFM_ETHER | 5 | (1 << 11);
        assert_eq!(subtype(x), 37);
        assert_eq!(speed(x), 2500);
        assert_eq!(speed(0x80 | 16), 0);
        assert_eq!(duplex(IFM_ETHER | IFM_HDX), NicDuplex::Half);
        assert_eq!(duplex(IFM_ETHER), NicDuplex::Unknown);
    }
}
