package arm

import (
	"context"
	"net/http"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore/policy"
	"github.com/Azure/azure-sdk-for-go/sdk/azcore/runtime"
)

// NewListComputePager lists a workspace's computes (Compute_List), one page
// per NextPage, following nextLink verbatim. It sends nothing until the
// first NextPage.
func (c *Client) NewListComputePager(ws WorkspaceID) *runtime.Pager[ComputeList] {
	first := func(ctx context.Context) (*policy.Request, error) {
		if err := ws.Validate(); err != nil {
			return nil, err
		}
		return c.newRequest(ctx, http.MethodGet, ws.String()+"/computes", nil)
	}
	return runtime.NewPager(runtime.PagingHandler[ComputeList]{
		More: func(p ComputeList) bool { return p.NextLink != "" },
		Fetcher: func(ctx context.Context, cur *ComputeList) (ComputeList, error) {
			return fetchPage(ctx, c, cur.nextLink(), first, http.MethodGet, ComputeList{})
		},
	})
}

// NewListNodesPager lists the nodes of an AmlCompute cluster
// (Compute_ListNodes, a POST whose items are in "nodes"). Next pages are
// fetched with POST on nextLink, as the operation's verb; both are reads and
// are retried like GETs.
func (c *Client) NewListNodesPager(ws WorkspaceID, name string) *runtime.Pager[NodeList] {
	first := func(ctx context.Context) (*policy.Request, error) {
		return c.computeRequest(ctx, http.MethodPost, ws, name, "/listNodes", nil)
	}
	return runtime.NewPager(runtime.PagingHandler[NodeList]{
		More: func(p NodeList) bool { return p.NextLink != "" },
		Fetcher: func(ctx context.Context, cur *NodeList) (NodeList, error) {
			return fetchPage(ctx, c, cur.nextLink(), first, http.MethodPost, NodeList{})
		},
	})
}

func (p *ComputeList) nextLink() string {
	if p == nil {
		return ""
	}
	return p.NextLink
}

func (p *NodeList) nextLink() string {
	if p == nil {
		return ""
	}
	return p.NextLink
}

// fetchPage gets the first page (built by first) or the page at next,
// marks the request as a read, and decodes it.
func fetchPage[T any](ctx context.Context, c *Client, next string, first func(context.Context) (*policy.Request, error), verb string, page T) (T, error) {
	build := func(ctx context.Context) (*policy.Request, error) {
		req, err := first(ctx)
		if err == nil {
			markRead(req)
		}
		return req, err
	}
	nextReq := func(ctx context.Context, link string) (*policy.Request, error) {
		req, err := runtime.NewRequest(ctx, verb, link)
		if err == nil {
			markRead(req)
		}
		return req, err
	}
	resp, err := runtime.FetcherForNextLink(ctx, c.pl, next, build, &runtime.FetcherForNextLinkOptions{NextReq: nextReq})
	if err != nil {
		return page, err
	}
	if err := runtime.UnmarshalAsJSON(resp, &page); err != nil {
		return page, err
	}
	return page, nil
}
