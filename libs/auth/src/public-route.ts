import { SetMetadata } from '@nestjs/common';

export const PUBLIC_ROUTE = 'bp:public-route';

/**
 * Marks a controller or handler that answers without a token (sign-in, health, metrics). Every
 * other route needs one: the gateway decides from this metadata, never from how the URL is spelled.
 */
export const Public = () => SetMetadata(PUBLIC_ROUTE, true);
