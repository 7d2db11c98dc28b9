/** A piece of SQL with its `?` placeholders' values, kept side by side so they cannot drift apart. */
export interface SqlFragment {
  text: string;
  params: unknown[];
}

export const sql = (text: string, ...params: unknown[]): SqlFragment => ({ text, params });
