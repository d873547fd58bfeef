/** The order in which the checks and the driver lay a layer's parameters and state out as arguments. */
export const LAYER_KEYS = {
  rnn: ['W_xh', 'W_hh', 'b_h'],
  gru: ['W_xz', 'W_hz', 'b_z', 'W_xr', 'W_hr', 'b_r', 'W_xh', 'W_hh', 'b_h'],
  lstm: ['W_xi', 'W_hi', 'b_i', 'W_xf', 'W_hf', 'b_f', 'W_xo', 'W_ho', 'b_o', 'W_xc', 'W_hc', 'b_c'],
} as const;

/** Tensors in one layer's state: [H], or [H, C] for the LSTM. */
export const STATE_SIZE = { rnn: 1, gru: 1, lstm: 2 } as const;
