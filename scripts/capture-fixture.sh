#!/usr/bin/env bash
# Captures the system-wide /proc and /sys files psutil-rs reads into fixtures/linux/NAME,
# so parsers and fallbacks can be tested on a tree that is not the running system.
# Usage: scripts/capture-fixture.sh NAME
set -euo pipefail
name=${1:?usage: capture-fixture.sh NAME}
dest="$(cd "$(dirname "$0")/.." && pwd)/fixtures/linux/$name"
mkdir -p "$dest"
copy() { # copy a file's current contents (cp of /proc files gives 0 bytes on some kernels)
  local src=$1
  [ -r "$src" ] || return 0
  mkdir -p "$dest/$(dirname "$src")"
  cat "$src" > "$dest/$src" 2>/dev/null || rm -f "$dest/$src"
}
for f in meminfo vmstat zoneinfo stat cpuinfo loadavg uptime diskstats partitions filesystems \
         self/mounts self/mountinfo net/dev net/tcp net/tcp6 net/udp net/udp6 net/unix net/if_inet6 \
         sys/kernel/osrelease; do
  copy "/proc/$f"
done
for f in /sys/devices/system/cpu/cpu[0-9]*/topology/{core_cpus_list,thread_siblings_list,physical_package_id,core_id} \
         /sys/devices/system/cpu/{online,possible,present} \
         /sys/devices/system/cpu/cpufreq/policy*/{scaling_cur_freq,scaling_min_freq,scaling_max_freq,cpuinfo_cur_freq} \
         /sys/block/*/dev /sys/block/*/queue/hw_sector_size \
         /sys/class/hwmon/hwmon*/{name,temp*_*,fan*_*} /sys/class/thermal/thermal_zone*/{type,temp,trip_point_*} \
         /sys/class/power_supply/*/{type,status,capacity,energy_now,energy_full,power_now,charge_now,charge_full,current_now,online,time_to_empty_now} \
         /sys/class/net/*/{mtu,flags,operstate,speed,duplex,address}; do
  copy "$f"
done
uname -a > "$dest/UNAME"
echo "captured $(date -u +%F) from $(hostname) by scripts/capture-fixture.sh" > "$dest/SOURCE"
echo "$dest"
