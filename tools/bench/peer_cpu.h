// CPU time of this process and of a server's process tree, for peer_bench's
// CPU-per-operation figures: on a loaded machine wall time mostly measures
// the wait for a core, CPU time much less so.
//
// Linux only (/proc). Thread safety: pure reads of the kernel's counters.
#pragma once

namespace jejak::bench {

// User + system CPU seconds of this process, all threads, so far.
double SelfCpuSeconds();

// The parent process id of `pid`, or -1 when /proc does not tell.
int ParentPid(int pid);

// User + system CPU seconds of process `root` and its reaped children
// (cutime, cstime) plus those of its live children: for a PostgreSQL
// postmaster, every backend and background process, including those that
// have exited. -1 when /proc/<root> cannot be read.
double ProcessTreeCpuSeconds(int root);

}  // namespace jejak::bench
