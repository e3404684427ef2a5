/* The primes kernel of src/engine/workloads/primes.ts in C: trial division by every divisor from 2 up to
 * sqrt(n), stopping at the first that divides n, collecting the primes of [2, limit] into an array.
 * bench/primes-vs-c.mjs builds it with `cc -O2` and compares its time with the JavaScript kernel's.
 * Prints one JSON line: {"limit":..,"count":..,"sum":..,"ms":..,"cpuMs":..} (wall and CPU time of the loop). */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static int is_prime(int n) {
  if (n < 2) return 0;
  for (int d = 2; d * d <= n; d++) {
    if (n % d == 0) return 0;
  }
  return 1;
}

int main(int argc, char **argv) {
  if (argc != 2) {
    fprintf(stderr, "usage: primes LIMIT\n");
    return 2;
  }
  long parsed = strtol(argv[1], NULL, 10);
  if (parsed < 2 || parsed > 2000000000L) {
    fprintf(stderr, "LIMIT must be an integer in [2, 2e9], got %s\n", argv[1]);
    return 2;
  }
  int limit = (int)parsed;
  /* pi(x) < 1.26 x / ln x; x / 2 + 16 is a simpler bound that always holds. */
  int *primes = malloc(sizeof(int) * ((size_t)limit / 2 + 16));
  if (!primes) return 1;
  struct timespec t0, t1, c0, c1;
  clock_gettime(CLOCK_MONOTONIC, &t0);
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &c0);
  int count = 0;
  for (int n = 2; n <= limit; n++) {
    if (is_prime(n)) primes[count++] = n;
  }
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &c1);
  clock_gettime(CLOCK_MONOTONIC, &t1);
  long long sum = 0;
  for (int i = 0; i < count; i++) sum += primes[i];
  double ms = (t1.tv_sec - t0.tv_sec) * 1e3 + (t1.tv_nsec - t0.tv_nsec) / 1e6;
  double cpu_ms = (c1.tv_sec - c0.tv_sec) * 1e3 + (c1.tv_nsec - c0.tv_nsec) / 1e6;
  printf("{\"limit\":%d,\"count\":%d,\"sum\":%lld,\"ms\":%.3f,\"cpuMs\":%.3f}\n", limit, count, sum, ms, cpu_ms);
  free(primes);
  return 0;
}
