/** Per-request values shared by the middleware and the routes. */
export interface HttpEnv {
  Variables: {
    /** The route template that matched (metrics label), set by the routing layer. */
    route: string;
    requestId: string;
  };
}
