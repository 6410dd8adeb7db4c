/* A stand-in for bcryptprimitives.dll under Wine 8, whose builtin lacks ProcessPrng.
 *
 * Rust's std (1.78+) imports ProcessPrng from bcryptprimitives.dll for its random
 * numbers (HashMap keys). Wine 8's builtin bcryptprimitives does not export it, so every
 * Rust .exe fails to load there. scripts/windows/wine-run.sh builds this file into a DLL
 * named bcryptprimitives.dll and puts it beside the .exe, where the loader finds it
 * first. It fills the buffer through advapi32's RtlGenRandom (exported as
 * SystemFunction036), which Wine implements, in chunks because that call takes a ULONG
 * length while ProcessPrng takes a SIZE_T. Test-only: never shipped with a build.
 */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T len)
{
    const SIZE_T chunk = 0x10000000; /* 256 MiB, well below ULONG's range */
    while (len > 0) {
        ULONG n = (ULONG)(len < chunk ? len : chunk);
        if (!SystemFunction036(data, n))
            return FALSE;
        data += n;
        len -= n;
    }
    /* As on Windows, ProcessPrng always reports success once the buffer is filled. */
    return TRUE;
}
