/** The part of autocannon's API the benchmarks use (the package ships no types). */
declare module "autocannon" {
  type Request = { method?: string; path?: string; headers?: Record<string, string>; body?: string };
  type Options = {
    url: string;
    connections?: number;
    duration?: number;
    timeout?: number;
    requests?: { setupRequest?: (request: Request, context: Record<string, unknown>) => Request }[];
  };
  type Result = { errors: number; timeouts: number; non2xx: number; duration: number };
  type Instance = {
    on(event: "response", fn: (client: unknown, statusCode: number, resBytes: number, responseTime: number) => void): void;
    then: Promise<Result>["then"];
  };
  function autocannon(options: Options): Instance;
  export default autocannon;
}
