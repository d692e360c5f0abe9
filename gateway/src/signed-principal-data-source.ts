import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { PRINCIPAL_HEADER, REQUEST_ID_HEADER, signPrincipal } from '@fidu/service-kit';
import type { GatewayContext } from './context';

/** Forwards every subgraph request with the caller's principal, signed, and the request id. */
export class SignedPrincipalDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  constructor(
    url: string,
    private readonly signingSecret: string,
  ) {
    super({ url });
  }

  override async willSendRequest({
    request,
    context,
  }: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<void> {
    const ctx = context as Partial<GatewayContext>;
    if (!ctx.principal || !ctx.requestId || !request.http) return;
    request.http.headers.set(
      PRINCIPAL_HEADER,
      await signPrincipal(ctx.principal, ctx.requestId, this.signingSecret),
    );
    request.http.headers.set(REQUEST_ID_HEADER, ctx.requestId);
  }
}
