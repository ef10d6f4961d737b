# Sourced by the bench scripts: what the figures were measured on.
#   machine_line   "machine: 2 cores (CPU model), 23.5 GiB RAM, kernel X"
#   load_average   the 1, 5 and 15 minute load averages, e.g. "4.36 3.44 2.70"
machine_line() {
  echo "machine: $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')),"\
       "$(awk '/MemTotal/ {printf "%.1f GiB RAM", $2 / 1048576}' /proc/meminfo), kernel $(uname -r)"
}

load_average() { cut -d' ' -f1-3 /proc/loadavg; }
