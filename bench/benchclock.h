#pragma once

#include <algorithm>
#include <ctime>
#include <vector>

namespace Dossier::Bench
{

/*! CPU seconds the process has used so far (all threads): the machine is shared, so the benchmarks print
    rates per CPU-second beside wall-clock ones, which other load does not change. */
inline double cpuSeconds()
{
    timespec t {};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
    return double(t.tv_sec) + double(t.tv_nsec) / 1e9;
}

inline double median(std::vector<double> values)
{
    std::sort(values.begin(), values.end());
    const size_t n = values.size();
    return n == 0 ? 0.0 : n % 2 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}

} // namespace Dossier::Bench
