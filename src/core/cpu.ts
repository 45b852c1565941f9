/** CPU ms (user + system, all threads of this process) spent since `from` (a `process.cpuUsage()` reading). */
export function cpuMsSince(from: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(from);
  return (used.user + used.system) / 1000;
}
